using System.Diagnostics;
using Notifications.Domain.Directory;
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
    public bool IsEmpty => Notifications.Count == 0 && Inbox.Count == 0 && Deliveries.Count == 0 && Directory is null;

    /// <summary>The user's directory row as this turn left it, when the turn changed it (a profile write).</summary>
    public DirectoryEntry? Directory { get; init; }

    /// <summary>
    /// The W3C trace context of the turn that produced these effects. Stored with its delivery jobs, so the
    /// provider call, made later by whichever silo claims them, joins the notification's trace.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>Takes the turn's lists as they are: a turn's effects are not touched once it ended.</summary>
    public static PendingEffects From(long turn, Priority lane, TurnEffects effects) =>
        new(turn, lane, effects.Notifications, effects.Inbox, effects.Deliveries) { TraceParent = Activity.Current?.Id, Directory = effects.Directory };
}
