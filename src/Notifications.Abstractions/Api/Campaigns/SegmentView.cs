namespace Notifications.Api;

public sealed record SegmentView(Guid Id, string Name, SegmentSpec Segment, DateTimeOffset CreatedAt);
