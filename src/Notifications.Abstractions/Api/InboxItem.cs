namespace Notifications.Api;

/// <summary>
/// One item of a user's inbox. The positional fields are the original contract; the rest came with the embeddable
/// inbox and default to "nothing" so older producers, stores and clients read the same.
/// </summary>
public sealed record InboxItem(
    Guid Id,
    string? Type,
    string Category,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt)
{
    /// <summary>When the user's bell first showed it (the feed was opened); unseen items are what the badge counts.</summary>
    public DateTimeOffset? SeenAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Hidden from the active feed until this instant; the item comes back live when it passes.</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<InboxAction> Actions { get; init; } = [];
}
