namespace Notifications.Grains.Delivery;

/// <summary>
/// What the silo accepts as a webhook target when a type or the configuration names one. Whether plain http is
/// allowed is the webhook sender's decision (Channels:Webhook:AllowInsecureHttp), made at send time.
/// </summary>
internal static class WebhookUrls
{
    public const int MaxLength = 2048;

    public static bool IsValid(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo);
}
