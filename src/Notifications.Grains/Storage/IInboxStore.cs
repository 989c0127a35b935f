using Notifications.Api;

namespace Notifications.Grains.Storage;

public interface IInboxStore
{
    /// <summary>Newest first. <paramref name="cursor"/> is opaque: the previous page's NextCursor.</summary>
    Task<InboxPage> ListAsync(string userId, string? cursor, int limit, CancellationToken cancellationToken);

    Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken);

    Task<InboxItem?> GetAsync(string userId, Guid notificationId, CancellationToken cancellationToken);

    /// <summary>False when the user has no such inbox item.</summary>
    Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes items created before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
