using Notifications.Delivery;

namespace Notifications.Domain.Effects;

/// <summary>One attempt-able delivery of a notification to one target on one transport.</summary>
public sealed record DeliveryJob(
    Guid NotificationId,
    string UserId,
    DeliveryChannel Channel,
    string Target,
    Priority Lane,
    DateTimeOffset DueAt,
    string IdempotencyKey,
    RenderedContent Content,
    DeliveryStatus Status = DeliveryStatus.Queued);
