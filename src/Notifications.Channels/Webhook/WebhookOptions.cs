using Notifications.Channels.Resilience;

namespace Notifications.Channels.Webhook;

/// <summary>Outgoing webhook settings, bound from <c>Channels:Webhook</c>. The delivery target is the receiver's URL.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Channels:Webhook";

    /// <summary>Shared secret for the HMAC-SHA256 signature receivers verify.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Allows http:// receivers; off in production so payloads and signatures travel encrypted.</summary>
    public bool AllowInsecureHttp { get; set; }

    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ChannelResilienceOptions Resilience { get; set; } = new();
}
