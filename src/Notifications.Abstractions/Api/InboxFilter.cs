namespace Notifications.Api;

/// <summary>Which items a list or a bulk change covers. <see cref="State"/>: active (default), unread, archived, snoozed, all.</summary>
public sealed record InboxFilter(string? State = null, string? Category = null, string? Tag = null);
