namespace Notifications.Model;

public enum DeviceKind
{
    Ios,
    Android,
    WebPush,
}
