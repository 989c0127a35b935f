namespace Notifications.Delivery;

public enum DeliveryStatus
{
    Queued,
    Sending,
    Sent,
    Delivered,
    Opened,
    Clicked,
    Skipped,
    Failed,
    Bounced,
    DeadLettered,
}
