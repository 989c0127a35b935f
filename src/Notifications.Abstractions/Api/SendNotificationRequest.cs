namespace Notifications.Api;

public sealed record SendNotificationRequest
{
    public string? UserId { get; init; }
    /// <summary>A registered notification type; either this or <see cref="Content"/>.</summary>
    public string? Type { get; init; }
    public InlineContent? Content { get; init; }
    /// <summary>Category for inline content (a type brings its own). Defaults to "general".</summary>
    public string? Category { get; init; }
    public Dictionary<string, string>? Data { get; init; }
    public Priority? Priority { get; init; }
    public IReadOnlyList<ChannelKind>? Channels { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>Events with the same digest key inside one window become one notification.</summary>
    public string? DigestKey { get; init; }
    /// <summary>Length of the digest window in seconds; defaults to the silo's setting.</summary>
    public int? DigestWindowSeconds { get; init; }
    /// <summary>Labels the inbox filters by (at most 10, each 1-64 of [a-z0-9_.:-]); merged with the type's.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Buttons on the inbox item (at most 2, ids unique).</summary>
    public IReadOnlyList<InboxAction>? Actions { get; init; }
}
