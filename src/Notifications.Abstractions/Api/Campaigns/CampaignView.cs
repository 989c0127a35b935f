namespace Notifications.Api;

public sealed record CampaignView
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required SegmentSpec Segment { get; init; }
    public string? Type { get; init; }
    public InlineContent? Content { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<ChannelKind>? Channels { get; init; }
    public required Priority Priority { get; init; }
    public required int RatePerSecond { get; init; }
    public CampaignSchedule? Schedule { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>For a local-time schedule: when the last zone is released.</summary>
    public DateTimeOffset? LastReleaseAt { get; init; }
    public required CampaignProgress Progress { get; init; }
}
