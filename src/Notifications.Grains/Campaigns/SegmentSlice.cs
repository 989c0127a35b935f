namespace Notifications.Grains.Campaigns;

internal sealed record SegmentSlice(IReadOnlyList<string> Members, string? Cursor, bool Exhausted);
