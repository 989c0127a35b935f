namespace Notifications.Delivery;

public enum DeliveryOutcomeKind
{
    /// <summary>The provider accepted the message.</summary>
    Sent,
    /// <summary>Worth retrying later, after <see cref="DeliveryOutcome.RetryAfter"/> when the provider said so.</summary>
    Transient,
    /// <summary>Retrying cannot help (invalid payload, recipient opted out).</summary>
    Permanent,
    /// <summary>The target no longer exists (unregistered token, gone subscription): remove it from the user.</summary>
    TargetDead,
    /// <summary>Our own configuration is wrong (credentials, topic); retrying cannot help until an operator acts.</summary>
    ConfigurationError,
    /// <summary>Nothing was attempted, for example because the channel is not configured.</summary>
    Skipped,
}

public sealed record DeliveryOutcome(DeliveryOutcomeKind Kind, string? Reason = null, string? ProviderMessageId = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryOutcome Sent(string? providerMessageId = null) => new(DeliveryOutcomeKind.Sent, ProviderMessageId: providerMessageId);
    public static DeliveryOutcome Transient(string reason, TimeSpan? retryAfter = null) => new(DeliveryOutcomeKind.Transient, reason, RetryAfter: retryAfter);
    public static DeliveryOutcome Permanent(string reason) => new(DeliveryOutcomeKind.Permanent, reason);
    public static DeliveryOutcome TargetDead(string reason) => new(DeliveryOutcomeKind.TargetDead, reason);
    public static DeliveryOutcome ConfigurationError(string reason) => new(DeliveryOutcomeKind.ConfigurationError, reason);
    public static DeliveryOutcome Skipped(string reason) => new(DeliveryOutcomeKind.Skipped, reason);
}
