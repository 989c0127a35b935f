using Notifications.Api;
using Notifications.Domain.Effects;

namespace Notifications.Grains.Realtime;

internal static class InboxItems
{
    /// <summary>A row just written: nothing read, seen, archived or snoozed yet.</summary>
    public static InboxItem From(InboxEntry entry) =>
        new(entry.NotificationId, entry.Type, entry.Category, entry.Title, entry.Body, entry.Data, entry.CreatedAt, null)
        {
            Tags = entry.Tags,
            Actions = entry.Actions,
        };
}
