using System.Net;
using System.Text.Json;
using Notifications.Delivery;

namespace Notifications.Channels.Fcm;

/// <summary>Reads FCM's answer: the HTTP status, <c>error.status</c> and the FcmError <c>errorCode</c> in <c>error.details</c>.</summary>
internal static class FcmErrorClassifier
{
    public static DeliveryOutcome Classify(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        if ((int)status is >= 200 and < 300)
        {
            return DeliveryOutcome.Sent(ReadString(body, "name"));
        }

        var (errorStatus, errorCode, message) = ReadError(body);
        var reason = $"FCM {(int)status} {errorCode ?? errorStatus ?? status.ToString()}{(message is null ? "" : ": " + message)}";
        return (errorCode ?? errorStatus) switch
        {
            "UNREGISTERED" or "SENDER_ID_MISMATCH" => DeliveryOutcome.TargetDead(reason),
            "QUOTA_EXCEEDED" or "UNAVAILABLE" or "INTERNAL" or "RESOURCE_EXHAUSTED" => DeliveryOutcome.Transient(reason, retryAfter),
            "THIRD_PARTY_AUTH_ERROR" or "PERMISSION_DENIED" or "UNAUTHENTICATED" => DeliveryOutcome.ConfigurationError(reason),
            "INVALID_ARGUMENT" => DeliveryOutcome.Permanent(reason),
            _ => (int)status switch
            {
                429 or >= 500 => DeliveryOutcome.Transient(reason, retryAfter),
                401 or 403 or 404 => DeliveryOutcome.ConfigurationError(reason),
                _ => DeliveryOutcome.Permanent(reason),
            },
        };
    }

    private static (string? Status, string? Code, string? Message) ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            string? code = null;
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in details.EnumerateArray())
                {
                    if (detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("errorCode", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        code = value.GetString();
                        break;
                    }
                }
            }

            return (Text(error, "status"), code, Text(error, "message"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? ReadString(string body, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Text(document.RootElement, property);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
