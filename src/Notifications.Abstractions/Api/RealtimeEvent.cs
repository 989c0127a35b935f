namespace Notifications.Api;

/// <summary>What a user's live connections receive: a new inbox item and/or the current unread count.</summary>
/// <param name="Kind">"notification" (with <paramref name="Notification"/>) or "unread".</param>
public sealed record RealtimeEvent(string Kind, InboxItem? Notification, int UnreadCount);
