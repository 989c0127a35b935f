namespace NotificationSilo.CrashTests;

/// <summary>One call the webhook fake accepted: whose notification it carried, and the idempotency key it came with.</summary>
internal sealed record WebhookCall(string UserId, Guid NotificationId, string IdempotencyKey);
