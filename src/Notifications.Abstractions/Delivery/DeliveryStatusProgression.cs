namespace Notifications.Delivery;

/// <summary>
/// The order tracking events may move a delivery in: queued → sending → sent → delivered → opened → clicked,
/// or from any not-yet-delivered status to failed or bounced. Provider callbacks, pixels and clicks arrive late,
/// twice and out of order; an event that would move a delivery backwards (or out of a final failure) is ignored.
/// </summary>
public static class DeliveryStatusProgression
{
    public static bool CanAdvance(DeliveryStatus current, DeliveryStatus next)
    {
        if (IsFailure(current) || current == DeliveryStatus.Skipped)
        {
            return false;
        }
        if (next is DeliveryStatus.Failed or DeliveryStatus.Bounced)
        {
            // Delivered and undelivered are both final answers: the first one wins.
            return Rank(current) < Rank(DeliveryStatus.Delivered);
        }
        return Rank(next) > Rank(current);
    }

    /// <summary>A status no tracking event can leave (only an operator's replay re-queues a dead letter).</summary>
    public static bool IsFailure(DeliveryStatus status) =>
        status is DeliveryStatus.Failed or DeliveryStatus.Bounced or DeliveryStatus.DeadLettered;

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Queued => 0,
        DeliveryStatus.Sending => 1,
        DeliveryStatus.Sent => 2,
        DeliveryStatus.Delivered => 3,
        DeliveryStatus.Opened => 4,
        DeliveryStatus.Clicked => 5,
        _ => -1,
    };
}
