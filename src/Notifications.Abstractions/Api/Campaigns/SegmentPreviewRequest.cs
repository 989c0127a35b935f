namespace Notifications.Api;

public sealed record SegmentPreviewRequest
{
    public SegmentSpec? Segment { get; init; }
}
