using Notifications.Channels.Resilience;

namespace Notifications.Channels.Apns;

/// <summary>Apple Push Notification service settings (token-based auth), bound from <c>Channels:Apns</c>.</summary>
public sealed class ApnsOptions
{
    public const string Section = "Channels:Apns";

    /// <summary>The 10-character Apple Developer team id (the provider token's iss).</summary>
    public string? TeamId { get; set; }

    /// <summary>The 10-character id of the .p8 signing key (the provider token's kid).</summary>
    public string? KeyId { get; set; }

    /// <summary>The .p8 key in PEM form (takes precedence over <see cref="PrivateKeyFile"/>).</summary>
    public string? PrivateKey { get; set; }

    public string? PrivateKeyFile { get; set; }

    /// <summary>The app's bundle id, sent as apns-topic.</summary>
    public string? BundleId { get; set; }

    /// <summary>https://api.push.apple.com/ or https://api.sandbox.push.apple.com/; a http:// address talks cleartext HTTP/2 (tests).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.push.apple.com/");

    /// <summary>Apple wants a provider token reused for 20–60 minutes; it is re-minted after this age.</summary>
    public TimeSpan TokenRefreshInterval { get; set; } = TimeSpan.FromMinutes(50);

    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// HTTP/2 connections to APNs. Each carries as many concurrent streams as Apple's SETTINGS allow; another opens
    /// when they are all busy, up to this many. 0: no limit; 1: a single connection.
    /// </summary>
    public int MaxConnections { get; set; }

    public ChannelResilienceOptions Resilience { get; set; } = new();
}
