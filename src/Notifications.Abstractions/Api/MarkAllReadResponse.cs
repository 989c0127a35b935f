namespace Notifications.Api;

/// <param name="Updated">How many unread notifications were marked read.</param>
public sealed record MarkAllReadResponse(int Updated);
