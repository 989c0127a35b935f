using Notifications.Api;

namespace Notifications.Domain.Commands;

/// <summary>"Notify this user": already validated and resolved against its type at accept time.</summary>
public sealed record NotifyCommand : UserCommand
{
    public required Guid NotificationId { get; init; }
    public string? Type { get; init; }
    public required string Category { get; init; }
    /// <summary>Critical categories bypass opt-outs, quiet hours, digests and the rate limit.</summary>
    public bool Critical { get; init; }
    public Priority Priority { get; init; } = Priority.Normal;
    public InlineContent? Content { get; init; }
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<ChannelKind> Channels { get; init; }
    public string? DigestKey { get; init; }
    public TimeSpan? DigestWindow { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    /// <summary>Set when quiet hours already held this notification back: it must not be held again.</summary>
    public bool Released { get; init; }
    /// <summary>Set on the notification a digest window produced: it is never digested or rate limited again.</summary>
    public int DigestCount { get; init; }
    /// <summary>The webhook channel's target, resolved at accept time from the type (or the silo's default).</summary>
    public string? WebhookUrl { get; init; }
    /// <summary>The producer's idempotency key: a second notification with it within the window is a duplicate of the first.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>The request's tags merged with its type's: stored with the inbox row for filtering.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<InboxAction> Actions { get; init; } = [];
    /// <summary>The campaign that sent this notification, if any: its record carries it, so the campaign's funnel is counted from records.</summary>
    public Guid? CampaignId { get; init; }
}
