using Notifications.Domain.Directory;

namespace Notifications.Domain.Effects;

/// <summary>What one turn asks the outside world to do: records, inbox rows, delivery jobs and timers. Its grain commits them.</summary>
public sealed class TurnEffects
{
    public List<NotificationRecord> Notifications { get; } = [];
    public List<InboxEntry> Inbox { get; } = [];
    public List<DeliveryJob> Deliveries { get; } = [];
    public List<TimerRequest> Timers { get; } = [];
    /// <summary>The user's directory row as of this turn: set only by turns that changed what segments select by.</summary>
    public DirectoryEntry? Directory { get; set; }

    public bool IsEmpty => Notifications.Count == 0 && Inbox.Count == 0 && Deliveries.Count == 0 && Timers.Count == 0 && Directory is null;

    public void Clear()
    {
        Notifications.Clear();
        Inbox.Clear();
        Deliveries.Clear();
        Timers.Clear();
        Directory = null;
    }
}
