namespace Notifications.Api;

/// <summary>
/// Who a campaign or preview selects: conditions (all must hold), <c>everyone: true</c>, or a saved segment by
/// <see cref="SegmentId"/> (then nothing else).
/// </summary>
public sealed record SegmentSpec
{
    public SegmentTags? Tags { get; init; }
    /// <summary>BCP 47 locales or languages: "fr" selects fr, fr-FR, fr-CA.</summary>
    public IReadOnlyList<string>? Locales { get; init; }
    /// <summary>IANA time zone ids, exactly as users' profiles hold them.</summary>
    public IReadOnlyList<string>? TimeZones { get; init; }
    public IReadOnlyList<string>? UserIds { get; init; }
    public bool? Everyone { get; init; }
    public Guid? SegmentId { get; init; }
}
