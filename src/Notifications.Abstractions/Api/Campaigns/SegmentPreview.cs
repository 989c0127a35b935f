namespace Notifications.Api;

/// <param name="Count">Exactly how many users the segment selects now.</param>
/// <param name="Sample">The first of them in user-id order (at most 20).</param>
public sealed record SegmentPreview(long Count, IReadOnlyList<string> Sample);
