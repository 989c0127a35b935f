namespace Notifications.Api;

public sealed record InboxItem(
    Guid Id,
    string? Type,
    string Category,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);
