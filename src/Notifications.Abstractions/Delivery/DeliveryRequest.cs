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
    RenderedContent Content)
{
    /// <summary>The W3C trace context of the turn that queued the job (null for jobs queued before tracing existed).</summary>
    public string? TraceParent { get; init; }
}
