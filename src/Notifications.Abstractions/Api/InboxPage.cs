namespace Notifications.Api;

/// <param name="UnreadCount">Over active items (neither archived nor snoozed).</param>
public sealed record InboxPage(IReadOnlyList<InboxItem> Notifications, string? NextCursor, int UnreadCount)
{
    /// <summary>Active items the user has not seen yet: what the bell's badge shows.</summary>
    public int UnseenCount { get; init; }
}
