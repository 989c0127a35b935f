namespace Notifications.Api;

/// <summary>
/// A dead letter with what an operator needs before replaying it: its notification, whose deliveries carry their
/// history (every attempt and its reason). The notification is null only if retention removed it.
/// </summary>
public sealed record DeadLetterDetail(DeadLetterView DeadLetter, NotificationView? Notification);
