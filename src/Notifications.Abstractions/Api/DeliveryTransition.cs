using Notifications.Delivery;

namespace Notifications.Api;

/// <summary>One entry of a delivery's log: the status it reached, when, and why (a provider's reason, a retry's cause).</summary>
public sealed record DeliveryTransition(DeliveryStatus Status, DateTimeOffset At, string? Detail = null);
