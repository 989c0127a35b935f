namespace Notifications.Model;

/// <summary>A browser's PushSubscription (RFC 8030 endpoint with RFC 8291 keys, base64url).</summary>
public sealed record WebPushSubscription(string Endpoint, string P256dh, string Auth);
