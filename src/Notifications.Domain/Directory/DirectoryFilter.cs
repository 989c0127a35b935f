namespace Notifications.Domain.Directory;

/// <summary>
/// The part of a segment a directory can answer from its indexes: every row it returns satisfies all the conditions
/// given (an empty list is no condition). It narrows; the segment's rule (<see cref="Segments.SegmentRule.Matches"/>)
/// decides, so the store never has to know tag or locale semantics beyond equality.
/// </summary>
public sealed record DirectoryFilter
{
    public static readonly DirectoryFilter Everyone = new();

    /// <summary>A tag every returned user has.</summary>
    public string? Tag { get; init; }
    /// <summary>Time zone ids as stored; null in the list selects users without a zone.</summary>
    public IReadOnlyList<string?> TimeZones { get; init; } = [];
    /// <summary>Primary language subtags, lower case (<see cref="DirectoryEntry.Language"/>).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> UserIds { get; init; } = [];
}
