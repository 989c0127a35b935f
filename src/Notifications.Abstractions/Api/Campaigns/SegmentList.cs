namespace Notifications.Api;

public sealed record SegmentList(IReadOnlyList<SegmentView> Segments);
