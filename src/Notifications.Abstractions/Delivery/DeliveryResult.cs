
namespace Notifications.Delivery;

/// <summary>The new state of a claimed job after an attempt. <see cref="NextAttemptAt"/> re-queues it.</summary>
public sealed record DeliveryResult(long JobId, DeliveryStatus Status, int Attempts, string? Reason, string? ProviderMessageId, DateTimeOffset At, DateTimeOffset? NextAttemptAt = null);
