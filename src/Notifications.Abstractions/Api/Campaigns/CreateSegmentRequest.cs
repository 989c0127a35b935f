namespace Notifications.Api;

public sealed record CreateSegmentRequest
{
    public string? Name { get; init; }
    public SegmentSpec? Segment { get; init; }
}
