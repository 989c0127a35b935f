namespace Notifications.Tracking;

/// <summary>Configuration section "Tracking": how the silo is reached from outside, and how its tracking links are signed.</summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>
    /// The silo's address as the outside world reaches it, e.g. https://notify.example.com/ (behind a proxy: the proxy's
    /// address). Email open/click links, Twilio's StatusCallback and the unsubscribe link are built from it. Unset: no
    /// open/click tracking.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>HMAC key signing open-pixel and click links, at least 16 characters; needed with <see cref="PublicBaseUrl"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Adds a 1×1 pixel to HTML email; loading it records "opened".</summary>
    public bool EmailOpens { get; set; } = true;

    /// <summary>Routes every http(s) link of HTML email through a signed redirect that records "clicked".</summary>
    public bool EmailClicks { get; set; } = true;

    /// <summary>The absolute public URL of one of the silo's <see cref="TrackingRoutes"/>; null without a public base URL.</summary>
    public string? PublicUrl(string route) => BaseUri is { } baseUri ? baseUri.AbsoluteUri + route : null;

    public Uri? BaseUri => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
        ? new Uri(uri.AbsoluteUri.EndsWith('/') ? uri.AbsoluteUri : uri.AbsoluteUri + "/")
        : null;
}
