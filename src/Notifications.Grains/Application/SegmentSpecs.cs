using Notifications.Api;
using Notifications.Domain.Segments;
using Notifications.Grains.Storage;

namespace Notifications.Application;

/// <summary>The API's segment shape and the domain's rule, both ways; a saved segment is looked up by its id.</summary>
internal static class SegmentSpecs
{
    /// <summary>The rule <paramref name="spec"/> stands for, or a <see cref="ValidationFailedException"/> naming the field.</summary>
    public static async Task<SegmentRule> ResolveAsync(SegmentSpec? spec, ISegmentStore store, bool allowSaved, CancellationToken cancellationToken)
    {
        if (spec is null)
        {
            throw new ValidationFailedException("segment", "a segment is required: conditions, everyone: true, or a segmentId.");
        }
        if (spec.SegmentId is { } id)
        {
            if (!allowSaved)
            {
                throw new ValidationFailedException("segment.segmentId", "a saved segment is defined by conditions, not by another segment.");
            }
            if (spec with { SegmentId = null } != new SegmentSpec())
            {
                throw new ValidationFailedException("segment.segmentId", "segmentId stands alone: give either a saved segment's id or conditions.");
            }
            var saved = await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new ValidationFailedException("segment.segmentId", $"there is no saved segment {id}.");
            return saved.Rule;
        }
        var rule = new SegmentRule
        {
            Everyone = spec.Everyone ?? false,
            TagsAll = spec.Tags?.All ?? [],
            TagsAny = spec.Tags?.Any ?? [],
            TagsNone = spec.Tags?.None ?? [],
            Locales = spec.Locales ?? [],
            TimeZones = spec.TimeZones ?? [],
            UserIds = spec.UserIds ?? [],
        };
        if (rule.Problem() is { } problem)
        {
            throw new ValidationFailedException(problem.Field, problem.Message);
        }
        return rule;
    }

    public static SegmentSpec ToSpec(SegmentRule rule) => rule.Everyone
        ? new SegmentSpec { Everyone = true }
        : new SegmentSpec
        {
            Tags = rule.TagsAll.Count + rule.TagsAny.Count + rule.TagsNone.Count == 0 ? null
                : new SegmentTags { All = NullIfEmpty(rule.TagsAll), Any = NullIfEmpty(rule.TagsAny), None = NullIfEmpty(rule.TagsNone) },
            Locales = NullIfEmpty(rule.Locales),
            TimeZones = NullIfEmpty(rule.TimeZones),
            UserIds = NullIfEmpty(rule.UserIds),
        };

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count == 0 ? null : values;
}
