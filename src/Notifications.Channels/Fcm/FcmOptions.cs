using Notifications.Channels.Resilience;

namespace Notifications.Channels.Fcm;

/// <summary>Firebase Cloud Messaging (HTTP v1) settings, bound from <c>Channels:Fcm</c>.</summary>
public sealed class FcmOptions
{
    public const string Section = "Channels:Fcm";

    /// <summary>The Firebase project; defaults to the service account's project_id.</summary>
    public string? ProjectId { get; set; }

    /// <summary>The service-account key JSON itself (takes precedence over <see cref="ServiceAccountFile"/>).</summary>
    public string? ServiceAccountJson { get; set; }

    public string? ServiceAccountFile { get; set; }

    /// <summary>Overrides the key file's token_uri (tests point it at a local fake).</summary>
    public string? TokenUri { get; set; }

    public Uri BaseAddress { get; set; } = new("https://fcm.googleapis.com/");

    /// <summary>How long FCM keeps an undelivered message (android ttl, apns-expiration, webpush TTL).</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public ChannelResilienceOptions Resilience { get; set; } = new();
}
