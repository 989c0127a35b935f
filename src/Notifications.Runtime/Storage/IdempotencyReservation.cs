namespace Notifications.Runtime.Storage;

/// <summary>A producer key reserved for one user until <see cref="ExpiresAt"/>.</summary>
public sealed record IdempotencyReservation(string UserId, string Key, DateTimeOffset ExpiresAt);
