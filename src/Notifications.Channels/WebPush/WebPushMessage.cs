using System.Text.Json;
using Notifications.Channels.Common;
using Notifications.Delivery;

namespace Notifications.Channels.WebPush;

/// <summary>The JSON the service worker receives in its push event, before encryption.</summary>
internal static class WebPushMessage
{
    public static byte[] Serialize(DeliveryRequest request)
    {
        var content = request.Content;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("notificationId", request.NotificationId.ToString());
            writer.WriteString("title", content.Title);
            writer.WriteString("body", content.Body);
            writer.WriteString("category", content.Category);
            if (content.Type is not null)
            {
                writer.WriteString("type", content.Type);
            }

            writer.WriteStartObject("data");
            foreach (var (key, value) in ContentConventions.Payload(content.Data))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
