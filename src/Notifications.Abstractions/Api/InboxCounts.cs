namespace Notifications.Api;

/// <summary>The bell's numbers, over active items (neither archived nor snoozed).</summary>
public sealed record InboxCounts(int Unread, int Unseen);
