using Notifications.Api;
using Notifications.Domain.Effects;

namespace Notifications.Grains.Realtime;

internal static class InboxItems
{
    public static InboxItem From(InboxEntry entry) =>
        new(entry.NotificationId, entry.Type, entry.Category, entry.Title, entry.Body, entry.Data, entry.CreatedAt, null);
}
