namespace Notifications.Domain.Commands;

/// <summary>The user wrote to us on WhatsApp from <see cref="Number"/> (Twilio's inbound webhook).</summary>
public sealed record WhatsAppInboundCommand : UserCommand
{
    public required string Number { get; init; }
    public string? Body { get; init; }
}
