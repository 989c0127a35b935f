using Notifications.Channels.Resilience;

namespace Notifications.Channels.Sms;

/// <summary>Twilio Programmable Messaging settings, bound from <c>Channels:Sms</c>.</summary>
public sealed class SmsOptions
{
    public const string Section = "Channels:Sms";

    /// <summary>Account SID: "AC" followed by 32 hex digits.</summary>
    public string? AccountSid { get; set; }

    /// <summary>Used for basic auth and to validate status-callback signatures.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Sender number (E.164); exactly one of From and MessagingServiceSid.</summary>
    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>Public URL Twilio posts delivery status to; signatures are computed over this exact URL.</summary>
    public string? StatusCallbackUrl { get; set; }

    public Uri BaseAddress { get; set; } = new("https://api.twilio.com/");

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ChannelResilienceOptions Resilience { get; set; } = new();
}
