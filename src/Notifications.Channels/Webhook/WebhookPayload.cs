using System.Text.Json;
using Notifications.Delivery;

namespace Notifications.Channels.Webhook;

/// <summary>The rendered notification as a receiver sees it.</summary>
internal static class WebhookPayload
{
    public static byte[] Serialize(DeliveryRequest request, DateTimeOffset now)
    {
        var content = request.Content;
        var payload = new
        {
            id = request.IdempotencyKey,
            notificationId = request.NotificationId,
            userId = request.UserId,
            lane = request.Lane,
            category = content.Category,
            type = content.Type,
            title = content.Title,
            body = content.Body,
            html = content.Html,
            data = new SortedDictionary<string, string>(content.Data.ToDictionary(), StringComparer.Ordinal),
            sentAt = now,
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload, NotificationJson.Options);
    }
}
