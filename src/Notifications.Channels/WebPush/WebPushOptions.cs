using Notifications.Channels.Resilience;

namespace Notifications.Channels.WebPush;

/// <summary>Web Push (RFC 8030/8291/8292) settings, bound from <c>Channels:WebPush</c>.</summary>
public sealed class WebPushOptions
{
    public const string Section = "Channels:WebPush";

    /// <summary>Contact for push services (RFC 8292 sub): a mailto: or https: URI.</summary>
    public string? Subject { get; set; }

    /// <summary>The VAPID public key: an uncompressed P-256 point, base64url (the browser's applicationServerKey).</summary>
    public string? PublicKey { get; set; }

    /// <summary>The VAPID private key: the 32-byte P-256 scalar, base64url.</summary>
    public string? PrivateKey { get; set; }

    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Lifetime of the VAPID JWT; push services refuse more than 24 hours.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ChannelResilienceOptions Resilience { get; set; } = new();
}
