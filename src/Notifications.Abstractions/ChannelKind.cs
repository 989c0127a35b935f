using System.Text.Json.Serialization;

namespace Notifications;

/// <summary>A channel as a user and a producer think of it; preferences are expressed in these.</summary>
public enum ChannelKind
{
    InApp,
    Push,
    Email,
    Sms,
    /// <summary>
    /// The producer's own HTTPS endpoint, signed: the URL comes from the notification type's webhookUrl (or the
    /// silo's default), never from the user. Users can still switch it off like any other channel.
    /// </summary>
    Webhook,
    /// <summary>
    /// WhatsApp through Twilio, to the number the user opted in with. Free-form text only within 24 hours of the
    /// user's last message to us; otherwise only the template's approved content (its contentSid) may go.
    /// </summary>
    [JsonStringEnumMemberName("whatsapp")]
    WhatsApp,
}
