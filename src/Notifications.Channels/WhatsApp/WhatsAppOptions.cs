using Notifications.Channels.Sms;

namespace Notifications.Channels.WhatsApp;

/// <summary>
/// WhatsApp through Twilio, bound from <c>Channels:WhatsApp</c>: the account, and <c>From</c> is the WhatsApp-enabled
/// sender number (E.164, without the "whatsapp:" prefix) or a messaging service holding one.
/// </summary>
public sealed class WhatsAppOptions : TwilioAccountOptions
{
    public const string Section = "Channels:WhatsApp";

    /// <summary>
    /// Public URL of the silo's inbound webhook, as configured for the sender in Twilio: signatures are computed over
    /// this exact URL. Defaults to the silo's own under <c>Tracking:PublicBaseUrl</c>.
    /// </summary>
    public string? InboundUrl { get; set; }
}
