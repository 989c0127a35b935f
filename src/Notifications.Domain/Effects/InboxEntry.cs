using Notifications.Api;

namespace Notifications.Domain.Effects;

public sealed record InboxEntry(
    Guid NotificationId,
    string UserId,
    string? Type,
    string Category,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<InboxAction> Actions { get; init; } = [];
}
