using Notifications.Domain.Directory;
using LocaleMatch = Notifications.Domain.Directory.Locales;
using ZoneLookup = Notifications.Domain.Rules.TimeZones;

namespace Notifications.Domain.Segments;

/// <summary>
/// Who a campaign goes to, decided on directory rows alone. Every condition given must hold (an empty list is no
/// condition): all of <see cref="TagsAll"/>, at least one of <see cref="TagsAny"/>, none of <see cref="TagsNone"/>,
/// a locale of <see cref="Locales"/> (by BCP 47 prefix), a zone of <see cref="TimeZones"/>, an id of
/// <see cref="UserIds"/>. <see cref="Everyone"/> selects every registered user and stands alone.
/// </summary>
public sealed record SegmentRule
{
    public const int MaxTags = 100;
    public const int MaxLocales = 100;
    public const int MaxTimeZones = 100;
    public const int MaxUserIds = 10_000;
    private const int MaxValueLength = 256;

    public bool Everyone { get; init; }
    public IReadOnlyList<string> TagsAll { get; init; } = [];
    public IReadOnlyList<string> TagsAny { get; init; } = [];
    public IReadOnlyList<string> TagsNone { get; init; } = [];
    public IReadOnlyList<string> Locales { get; init; } = [];
    public IReadOnlyList<string> TimeZones { get; init; } = [];
    public IReadOnlyList<string> UserIds { get; init; } = [];

    private bool HasCondition =>
        TagsAll.Count + TagsAny.Count + TagsNone.Count + Locales.Count + TimeZones.Count + UserIds.Count > 0;

    public bool Matches(DirectoryEntry entry)
    {
        if (Everyone)
        {
            return true;
        }
        return (UserIds.Count == 0 || UserIds.Contains(entry.UserId, StringComparer.Ordinal))
               && (TimeZones.Count == 0 || (entry.TimeZone is { } zone && TimeZones.Contains(zone, StringComparer.Ordinal)))
               && (Locales.Count == 0 || Locales.Any(l => LocaleMatch.Matches(l, entry.Locale)))
               && TagsAll.All(t => entry.Tags.Contains(t, StringComparer.Ordinal))
               && (TagsAny.Count == 0 || TagsAny.Any(t => entry.Tags.Contains(t, StringComparer.Ordinal)))
               && !TagsNone.Any(t => entry.Tags.Contains(t, StringComparer.Ordinal));
    }

    /// <summary>What the directory can select by index; every user this rule matches is in it.</summary>
    public DirectoryFilter Narrowing()
    {
        if (Everyone)
        {
            return DirectoryFilter.Everyone;
        }
        return new DirectoryFilter
        {
            Tag = TagsAll.Count > 0 ? TagsAll[0] : TagsAny.Count == 1 ? TagsAny[0] : null,
            TimeZones = [.. TimeZones],
            Languages = [.. Locales.Select(l => LocaleMatch.LanguageOf(l)!).Distinct(StringComparer.Ordinal)],
            UserIds = [.. UserIds.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The first thing wrong with this rule, named by its field under <paramref name="prefix"/>; null when it is usable.</summary>
    public SegmentProblem? Problem(string prefix = "segment.")
    {
        if (Everyone && HasCondition)
        {
            return new(prefix + "everyone", "everyone selects every user and cannot be combined with other conditions.");
        }
        if (!Everyone && !HasCondition)
        {
            return new(prefix.TrimEnd('.'), "a segment needs at least one condition (tags, locales, timeZones, userIds) or everyone: true.");
        }
        return ListProblem(prefix + "tags.all", TagsAll, MaxTags)
            ?? ListProblem(prefix + "tags.any", TagsAny, MaxTags)
            ?? ListProblem(prefix + "tags.none", TagsNone, MaxTags)
            ?? ListProblem(prefix + "locales", Locales, MaxLocales)
            ?? ListProblem(prefix + "timeZones", TimeZones, MaxTimeZones)
            ?? ListProblem(prefix + "userIds", UserIds, MaxUserIds)
            ?? Locales.Where(l => l.Contains('_', StringComparison.Ordinal) || l.StartsWith('-') || l.EndsWith('-'))
                .Select(l => new SegmentProblem(prefix + "locales", $"'{l}' is not a BCP 47 locale or language (for example fr or fr-CA)."))
                .FirstOrDefault()
            ?? TimeZones.Where(z => !ZoneLookup.TryFind(z, out _))
                .Select(z => new SegmentProblem(prefix + "timeZones", $"'{z}' is not an IANA time zone (for example Europe/Paris)."))
                .FirstOrDefault();
    }

    private static SegmentProblem? ListProblem(string field, IReadOnlyList<string> values, int max)
    {
        if (values.Count > max)
        {
            return new(field, $"{values.Count} values; at most {max}.");
        }
        return values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > MaxValueLength)
            ? new(field, $"every value must be non-empty and at most {MaxValueLength} characters.")
            : null;
    }
}
