namespace Notifications.Channels.WhatsApp;

/// <summary>Twilio addresses WhatsApp users and senders as "whatsapp:" + E.164, on the same Messages resource as SMS.</summary>
public static class WhatsAppAddress
{
    public const string Prefix = "whatsapp:";

    public static string Of(string e164) => Prefix + e164;

    /// <summary>The E.164 number of a Twilio WhatsApp address; null when it is not one.</summary>
    public static string? NumberOf(string? address) =>
        address is not null && address.StartsWith(Prefix, StringComparison.Ordinal) && Sms.SmsNumbers.IsE164(address[Prefix.Length..])
            ? address[Prefix.Length..]
            : null;
}
