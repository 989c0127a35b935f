namespace Notifications.Api;

/// <param name="Status">"accepted", or "duplicate" when the idempotency key was already used inside its window.</param>
public sealed record SendNotificationResponse(Guid Id, string Status);
