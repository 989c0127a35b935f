namespace Notifications.Domain.Effects;

/// <summary>What one turn asks the outside world to do: records, inbox rows, delivery jobs and timers. Its grain commits them.</summary>
public sealed class TurnEffects
{
    public List<NotificationRecord> Notifications { get; } = [];
    public List<InboxEntry> Inbox { get; } = [];
    public List<DeliveryJob> Deliveries { get; } = [];
    public List<TimerRequest> Timers { get; } = [];

    public bool IsEmpty => Notifications.Count == 0 && Inbox.Count == 0 && Deliveries.Count == 0 && Timers.Count == 0;

    public void Clear()
    {
        Notifications.Clear();
        Inbox.Clear();
        Deliveries.Clear();
        Timers.Clear();
    }
}
