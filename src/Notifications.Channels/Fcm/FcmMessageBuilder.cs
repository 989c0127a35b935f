using System.Globalization;
using System.Text.Json;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Fcm;

/// <summary>Maps a delivery onto an FCM v1 <c>{"message": …}</c> body.</summary>
internal static class FcmMessageBuilder
{
    /// <summary>FCM refuses messages above this many bytes.</summary>
    public const int MaxPayloadBytes = 4096;

    public static byte[]? Build(DeliveryRequest request, FcmOptions options, DateTimeOffset now, out string? refusal)
    {
        refusal = null;
        var content = request.Content;
        foreach (var key in content.Data.Keys)
        {
            if (IsReserved(key))
            {
                refusal = $"data key '{key}' is reserved by FCM";
                return null;
            }
        }

        var urgent = request.Lane is Priority.Critical or Priority.High;
        var ttlSeconds = (long)options.TimeToLive.TotalSeconds;
        var collapse = ContentConventions.Collapse(content.Data);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message");
            WriteTarget(writer, request.Target);

            writer.WriteStartObject("notification");
            writer.WriteString("title", content.Title);
            writer.WriteString("body", content.Body);
            writer.WriteEndObject();

            writer.WriteStartObject("data");
            writer.WriteString("notificationId", request.NotificationId.ToString());
            writer.WriteString("category", content.Category);
            if (content.Type is not null)
            {
                writer.WriteString("type", content.Type);
            }

            foreach (var (key, value) in ContentConventions.Payload(content.Data))
            {
                if (key is not ("notificationId" or "category" or "type"))
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();

            writer.WriteStartObject("android");
            writer.WriteString("priority", urgent ? "HIGH" : "NORMAL");
            writer.WriteString("ttl", ttlSeconds.ToString(CultureInfo.InvariantCulture) + "s");
            if (collapse is not null)
            {
                writer.WriteString("collapse_key", collapse);
            }

            writer.WriteEndObject();

            writer.WriteStartObject("apns");
            writer.WriteStartObject("headers");
            writer.WriteString("apns-priority", urgent ? "10" : "5");
            writer.WriteString("apns-expiration", (now + options.TimeToLive).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            if (collapse is not null)
            {
                writer.WriteString("apns-collapse-id", collapse);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartObject("webpush");
            writer.WriteStartObject("headers");
            writer.WriteString("TTL", ttlSeconds.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("Urgency", urgent ? "high" : "normal");
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var body = buffer.ToArray();
        if (body.Length > MaxPayloadBytes)
        {
            refusal = $"payload too large: {body.Length} bytes, FCM accepts at most {MaxPayloadBytes}";
            return null;
        }

        return body;
    }

    private static void WriteTarget(Utf8JsonWriter writer, string target)
    {
        if (target.StartsWith("/topics/", StringComparison.Ordinal))
        {
            writer.WriteString("topic", target["/topics/".Length..]);
        }
        else if (target.StartsWith("topic:", StringComparison.Ordinal))
        {
            writer.WriteString("topic", target["topic:".Length..]);
        }
        else if (target.StartsWith("condition:", StringComparison.Ordinal))
        {
            writer.WriteString("condition", target["condition:".Length..]);
        }
        else
        {
            writer.WriteString("token", target);
        }
    }

    private static bool IsReserved(string key)
        => key is "from" or "notification" or "message_type"
            || key.StartsWith("google", StringComparison.Ordinal)
            || key.StartsWith("gcm", StringComparison.Ordinal);
}
