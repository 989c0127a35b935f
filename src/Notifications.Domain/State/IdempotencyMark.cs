namespace Notifications.Domain.State;

/// <summary>A producer's idempotency key: the notification it created, remembered until <see cref="ExpiresAt"/>.</summary>
public sealed record IdempotencyMark(Guid NotificationId, DateTimeOffset ExpiresAt);
