using Notifications.Domain.Segments;

namespace Notifications.Grains.Storage;

public sealed record SavedSegment(Guid Id, string Name, SegmentRule Rule, DateTimeOffset CreatedAt);
