namespace Notifications.Api;

/// <param name="Action">"read", "archive" or "unarchive".</param>
public sealed record InboxBulkRequest(string? Action, InboxFilter? Filter);
