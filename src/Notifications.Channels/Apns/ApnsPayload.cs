using System.Text.Json;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.Apns;

/// <summary>The JSON body and the push type it implies; the two must agree or APNs refuses the request.</summary>
internal sealed record ApnsPayload(byte[] Body, string PushType)
{
    public const int MaxPayloadBytes = 4096;

    /// <summary>Content with neither title nor body is a silent (background) push.</summary>
    public static ApnsPayload Build(DeliveryRequest request)
    {
        var content = request.Content;
        var background = string.IsNullOrEmpty(content.Title) && string.IsNullOrEmpty(content.Body);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("aps");
            if (background)
            {
                writer.WriteNumber("content-available", 1);
            }
            else
            {
                writer.WriteStartObject("alert");
                writer.WriteString("title", content.Title);
                writer.WriteString("body", content.Body);
                writer.WriteEndObject();
                writer.WriteString("thread-id", content.Category);
            }

            writer.WriteEndObject();
            writer.WriteString("notificationId", request.NotificationId.ToString());
            writer.WriteString("category", content.Category);
            if (content.Type is not null)
            {
                writer.WriteString("type", content.Type);
            }

            foreach (var (key, value) in ContentConventions.Payload(content.Data))
            {
                if (key is not ("aps" or "notificationId" or "category" or "type"))
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }

        return new ApnsPayload(buffer.ToArray(), background ? "background" : "alert");
    }
}
