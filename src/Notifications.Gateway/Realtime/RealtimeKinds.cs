namespace Notifications.Gateway.Realtime;

/// <summary>Values of <see cref="Notifications.Api.RealtimeEvent.Kind"/>.</summary>
internal static class RealtimeKinds
{
    public const string Notification = "notification";
    public const string Unread = "unread";
}
