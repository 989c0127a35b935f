namespace Notifications.Api;

/// <summary>Values of <see cref="RealtimeEvent.Kind"/>, also the SSE event names and the SignalR method names.</summary>
public static class RealtimeKinds
{
    /// <summary>A new item, or one whose snooze ended.</summary>
    public const string Notification = "notification";

    /// <summary>An item changed: read, seen, archived, unarchived, snoozed.</summary>
    public const string Updated = "updated";

    /// <summary>The counts alone.</summary>
    public const string Unread = "unread";
}
