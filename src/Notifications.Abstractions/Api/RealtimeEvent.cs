namespace Notifications.Api;

/// <summary>What a user's live connections receive: an inbox item and/or the current counts.</summary>
/// <param name="Kind">"notification" (a new item, or one whose snooze ended), "updated" (an item changed) — both with
/// <paramref name="Notification"/> — or "unread" (the counts alone).</param>
public sealed record RealtimeEvent(string Kind, InboxItem? Notification, int UnreadCount)
{
    public int UnseenCount { get; init; }

    /// <summary>The item's paging cursor on "notification" events: the SSE id a reconnecting client sends back to catch up.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Cursor { get; init; }
}
