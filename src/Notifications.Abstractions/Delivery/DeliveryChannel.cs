namespace Notifications.Delivery;

/// <summary>A concrete transport; one <see cref="ChannelKind"/> may fan out to several (push → APNs, FCM, Web Push).</summary>
public enum DeliveryChannel
{
    InApp,
    Apns,
    Fcm,
    WebPush,
    Email,
    Sms,
    Webhook,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("whatsapp")]
    WhatsApp,
}
