using Notifications.Api;
using Notifications.Model;

namespace Notifications.Application;

internal static class RegisteredDevice
{
    /// <summary>A validated registration as the device the user's grain keeps, with a new id.</summary>
    public static Device From(RegisterDeviceRequest request, DateTimeOffset now) => new()
    {
        Id = "dev_" + Guid.CreateVersion7(now).ToString("N"),
        Kind = request.Kind!.Value,
        Token = request.Kind == DeviceKind.WebPush ? null : request.Token,
        Subscription = request.Kind == DeviceKind.WebPush ? request.Subscription : null,
        RegisteredAt = now,
    };
}
