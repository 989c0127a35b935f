namespace Notifications.Api;

/// <summary>A campaign: what (a type or inline content), to whom (a segment), when (no schedule = draft) and how fast.</summary>
public sealed record CreateCampaignRequest
{
    public string? Name { get; init; }
    public SegmentSpec? Segment { get; init; }
    public string? Type { get; init; }
    public InlineContent? Content { get; init; }
    public string? Category { get; init; }
    public Dictionary<string, string>? Data { get; init; }
    public IReadOnlyList<ChannelKind>? Channels { get; init; }
    /// <summary>Defaults to bulk.</summary>
    public Priority? Priority { get; init; }
    /// <summary>Recipients handed to their grains per second; defaults to the silo's setting.</summary>
    public int? RatePerSecond { get; init; }
    public CampaignSchedule? Schedule { get; init; }
}
