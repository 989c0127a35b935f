using Notifications.Delivery;

namespace Notifications.Api;

/// <summary>A delivery that ran out of attempts; an operator can replay it once the provider is healthy again.</summary>
public sealed record DeadLetterView(
    long Id,
    Guid NotificationId,
    string UserId,
    DeliveryChannel Channel,
    string Target,
    Priority Lane,
    int Attempts,
    string? Reason,
    DateTimeOffset DeadLetteredAt);
