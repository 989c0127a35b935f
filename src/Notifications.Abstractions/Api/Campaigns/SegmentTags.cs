namespace Notifications.Api;

/// <summary>Tag conditions of a segment: all of <see cref="All"/>, at least one of <see cref="Any"/>, none of <see cref="None"/>.</summary>
public sealed record SegmentTags
{
    public IReadOnlyList<string>? All { get; init; }
    public IReadOnlyList<string>? Any { get; init; }
    public IReadOnlyList<string>? None { get; init; }
}
