namespace Notifications.Model;

/// <summary>What the silo knows of one user's WhatsApp number: when they opted in or out, and when they last wrote to us.</summary>
public sealed record WhatsAppConsent
{
    public required string Number { get; init; }
    public DateTimeOffset? OptedInAt { get; init; }
    public DateTimeOffset? OptedOutAt { get; init; }
    /// <summary>The user's last message to us: WhatsApp's 24-hour customer-service session runs from here.</summary>
    public DateTimeOffset? LastInboundAt { get; init; }
}
