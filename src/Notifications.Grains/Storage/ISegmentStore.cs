using Notifications.Domain.Segments;

namespace Notifications.Grains.Storage;

/// <summary>Saved segments: a named rule campaigns refer to by id.</summary>
public interface ISegmentStore
{
    Task CreateAsync(SavedSegment segment, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken cancellationToken);

    Task<SavedSegment?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}
