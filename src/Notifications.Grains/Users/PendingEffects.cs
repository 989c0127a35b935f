using Notifications.Domain.Effects;

namespace Notifications.Grains.Users;

/// <summary>The record-store side of one committed turn; applying it twice has the effect of applying it once.</summary>
public sealed record PendingEffects(
    long Turn,
    Priority Lane,
    IReadOnlyList<NotificationRecord> Notifications,
    IReadOnlyList<InboxEntry> Inbox,
    IReadOnlyList<DeliveryJob> Deliveries)
{
    public bool IsEmpty => Notifications.Count == 0 && Inbox.Count == 0 && Deliveries.Count == 0;

    /// <summary>Takes the turn's lists as they are: a turn's effects are not touched once it ended.</summary>
    public static PendingEffects From(long turn, Priority lane, TurnEffects effects) =>
        new(turn, lane, effects.Notifications, effects.Inbox, effects.Deliveries);
}
