using Notifications.Api;

namespace Notifications.Grains.Storage;

public interface INotificationStore
{
    /// <summary>The notification with its deliveries; an accepted one still in its stream shows status "accepted".</summary>
    Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// The user's newest <paramref name="limit"/> notifications, newest first, each with its deliveries, whether or not
    /// they reached the inbox. One whose inbox row inbox retention has removed is no longer listed.
    /// </summary>
    Task<IReadOnlyList<NotificationView>> ListRecentAsync(string userId, int limit, CancellationToken cancellationToken);
}
