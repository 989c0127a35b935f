namespace Notifications.Model;

/// <summary>One push target of a user: an APNs or FCM token, or a Web Push subscription.</summary>
public sealed record Device
{
    public required string Id { get; init; }
    public required DeviceKind Kind { get; init; }
    public string? Token { get; init; }
    public WebPushSubscription? Subscription { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>What identifies the target at its provider; two registrations with the same address are one device.</summary>
    public string Address => Kind == DeviceKind.WebPush ? Subscription?.Endpoint ?? "" : Token ?? "";
}
