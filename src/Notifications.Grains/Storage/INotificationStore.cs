using Notifications.Api;

namespace Notifications.Grains.Storage;

public interface INotificationStore
{
    /// <summary>The notification with its deliveries; an accepted one still in its stream shows status "accepted".</summary>
    Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken);
}
