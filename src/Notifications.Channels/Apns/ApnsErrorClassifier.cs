using System.Text.Json;
using Notifications.Delivery;

namespace Notifications.Channels.Apns;

/// <summary>Maps APNs' status and <c>reason</c> onto outcomes (Apple's "Handling notification responses" table).</summary>
internal static class ApnsErrorClassifier
{
    public static string? ReadReason(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? reason.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static DeliveryOutcome Classify(int status, string? reason, string? apnsId, TimeSpan? retryAfter)
    {
        if (status == 200)
        {
            return DeliveryOutcome.Sent(apnsId);
        }

        var text = $"APNs {status} {reason ?? "(no reason)"}";
        return (status, reason) switch
        {
            (400, "BadDeviceToken" or "DeviceTokenNotForTopic") or (410, _) => DeliveryOutcome.TargetDead(text),
            (413, _) => DeliveryOutcome.Permanent(text),
            (429, _) or (500, _) or (503, _) => DeliveryOutcome.Transient(text, retryAfter),
            (400, "BadCollapseId" or "BadExpirationDate" or "BadMessageId" or "BadPriority" or "PayloadEmpty" or "InvalidPushType" or "DuplicateHeaders")
                => DeliveryOutcome.Permanent(text),
            (>= 500, _) => DeliveryOutcome.Transient(text, retryAfter),
            // Topic, certificate, token and path problems are ours to fix, not the message's.
            _ => DeliveryOutcome.ConfigurationError(text),
        };
    }
}
