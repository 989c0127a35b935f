namespace Notifications.Delivery;

/// <summary>Everything a channel sender needs for one attempt at one target.</summary>
/// <param name="IdempotencyKey">Stable across retries of the same job; providers that support it receive it (apns-id, Message-ID).</param>
public sealed record DeliveryRequest(
    long JobId,
    Guid NotificationId,
    string UserId,
    DeliveryChannel Channel,
    string Target,
    Priority Lane,
    int Attempt,
    string IdempotencyKey,
    RenderedContent Content);
