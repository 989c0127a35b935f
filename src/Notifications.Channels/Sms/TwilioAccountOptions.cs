using Notifications.Channels.Resilience;

namespace Notifications.Channels.Sms;

/// <summary>A Twilio account and sender, as SMS and WhatsApp both use one (each in its own section).</summary>
public abstract class TwilioAccountOptions
{
    /// <summary>Account SID: "AC" followed by 32 hex digits.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Used for basic auth and to validate the signatures of Twilio's callbacks.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Sender number (E.164); exactly one of From and MessagingServiceSid.</summary>
    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>Public URL Twilio posts delivery status to; signatures are computed over this exact URL.</summary>
    public string? StatusCallbackUrl { get; set; }

    /// <summary>Where the Twilio SDK's requests go: Twilio itself, or a proxy or fake speaking its REST API.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.twilio.com/");

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ChannelResilienceOptions Resilience { get; set; } = new();
}
