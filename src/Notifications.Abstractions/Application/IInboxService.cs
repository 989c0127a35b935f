using Notifications.Api;

namespace Notifications.Application;

public interface IInboxService
{
    /// <summary><paramref name="limit"/> is 1..100; a bad cursor or limit throws <see cref="ValidationFailedException"/>.</summary>
    Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, CancellationToken cancellationToken);

    /// <summary>False when the user has no such notification.</summary>
    Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, CancellationToken cancellationToken);

    Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Live events for one user: first the current unread count, then every new item and count change until cancelled.</summary>
    IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, CancellationToken cancellationToken);
}
