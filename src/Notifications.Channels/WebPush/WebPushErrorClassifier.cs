using Notifications.Delivery;

namespace Notifications.Channels.WebPush;

internal static class WebPushErrorClassifier
{
    public static DeliveryOutcome Classify(int status, string body, string? location, TimeSpan? retryAfter)
    {
        var reason = $"push service answered {status}{(string.IsNullOrWhiteSpace(body) ? "" : ": " + Truncate(body))}";
        return status switch
        {
            >= 200 and < 300 => DeliveryOutcome.Sent(location),
            404 or 410 => DeliveryOutcome.TargetDead(reason),
            413 => DeliveryOutcome.Permanent(reason),
            429 or >= 500 => DeliveryOutcome.Transient(reason, retryAfter),
            // The push service did not accept our VAPID credentials.
            401 or 403 => DeliveryOutcome.ConfigurationError(reason),
            _ => DeliveryOutcome.Permanent(reason),
        };
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];
}
