using Notifications.Model;

namespace Notifications.Api;

public sealed record RegisterDeviceRequest(DeviceKind? Kind, string? Token, WebPushSubscription? Subscription);
