using Notifications.Api;

namespace Notifications.Application;

/// <summary>Saved segments and previews, resolved by paging the user directory. Throws <see cref="ValidationFailedException"/> on bad input.</summary>
public interface ISegmentService
{
    Task<SegmentView> CreateAsync(CreateSegmentRequest? request, CancellationToken cancellationToken);

    Task<SegmentList> ListAsync(CancellationToken cancellationToken);

    Task<SegmentView?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<SegmentPreview> PreviewAsync(SegmentPreviewRequest? request, CancellationToken cancellationToken);
}
