namespace Notifications.Api;

public sealed record InboxPage(IReadOnlyList<InboxItem> Notifications, string? NextCursor, int UnreadCount);
