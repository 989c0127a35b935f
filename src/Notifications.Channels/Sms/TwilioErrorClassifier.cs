using System.Text.Json;
using Notifications.Delivery;

namespace Notifications.Channels.Sms;

/// <summary>Twilio REST answers: HTTP status plus Twilio's numeric error <c>code</c>.</summary>
internal static class TwilioErrorClassifier
{
    public static DeliveryOutcome Classify(int status, string body, TimeSpan? retryAfter)
    {
        var (sid, code, message) = Read(body);
        if (status is >= 200 and < 300)
        {
            return DeliveryOutcome.Sent(sid);
        }

        var reason = $"Twilio {status} {(code is null ? "" : code + " ")}{message}".TrimEnd();
        return code switch
        {
            // 21211: the number is not a valid phone number; 21614: it is not a mobile number.
            21211 or 21614 => DeliveryOutcome.TargetDead(reason),
            // 21610: the recipient replied STOP; keep the number (START re-subscribes) but never retry.
            21610 or 21617 or 21602 or 21408 => DeliveryOutcome.Permanent(reason),
            20429 => DeliveryOutcome.Transient(reason, retryAfter),
            20003 or 20404 or 21606 or 21659 or 21603 or 21212 or 21704 => DeliveryOutcome.ConfigurationError(reason),
            _ => status switch
            {
                429 or >= 500 => DeliveryOutcome.Transient(reason, retryAfter),
                401 or 403 or 404 => DeliveryOutcome.ConfigurationError(reason),
                _ => DeliveryOutcome.Permanent(reason),
            },
        };
    }

    private static (string? Sid, int? Code, string? Message) Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            string? sid = root.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            string? message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (sid, code, message);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
