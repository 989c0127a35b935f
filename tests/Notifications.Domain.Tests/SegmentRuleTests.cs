using Notifications.Domain.Directory;
using Notifications.Domain.Segments;

namespace Notifications.Domain.Tests;

public sealed class SegmentRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static DirectoryEntry User(string id, string? locale = null, string? zone = null, params string[] tags) => new(id, tags, locale, zone, T0);

    [Fact]
    public void Tags_all_any_and_none_must_each_hold()
    {
        var rule = new SegmentRule { TagsAll = ["trial", "mobile"], TagsAny = ["fr", "be"], TagsNone = ["churned"] };

        Assert.True(rule.Matches(User("a", tags: ["trial", "mobile", "be"])));
        Assert.False(rule.Matches(User("b", tags: ["trial", "be"])));                       // not all
        Assert.False(rule.Matches(User("c", tags: ["trial", "mobile"])));                   // none of any
        Assert.False(rule.Matches(User("d", tags: ["trial", "mobile", "fr", "churned"])));  // one of none
        Assert.False(rule.Matches(User("e", tags: ["Trial", "mobile", "fr"])));             // tags are exact
    }

    [Fact]
    public void Locales_match_by_language_prefix_time_zones_and_ids_exactly()
    {
        var french = new SegmentRule { Locales = ["fr"] };
        Assert.True(french.Matches(User("a", "fr-CA")));
        Assert.True(french.Matches(User("b", "FR")));
        Assert.False(french.Matches(User("c", "fri")));
        Assert.False(french.Matches(User("d")));
        Assert.False(new SegmentRule { Locales = ["fr-CA"] }.Matches(User("e", "fr-FR")));

        var paris = new SegmentRule { TimeZones = ["Europe/Paris"], UserIds = ["a", "b"] };
        Assert.True(paris.Matches(User("a", zone: "Europe/Paris")));
        Assert.False(paris.Matches(User("a", zone: "Europe/Berlin")));
        Assert.False(paris.Matches(User("a")));
        Assert.False(paris.Matches(User("z", zone: "Europe/Paris")));
        Assert.True(new SegmentRule { Everyone = true }.Matches(User("anyone")));
    }

    [Fact]
    public void The_narrowing_selects_a_superset_of_what_the_rule_matches()
    {
        var rule = new SegmentRule { TagsAll = ["trial", "vip"], Locales = ["fr-CA", "fr", "de"], TimeZones = ["Europe/Paris"], UserIds = ["a", "a", "b"] };
        var narrowing = rule.Narrowing();

        Assert.Equal("trial", narrowing.Tag);
        Assert.Equal(["fr", "de"], narrowing.Languages);
        Assert.Equal(["Europe/Paris"], narrowing.TimeZones);
        Assert.Equal(["a", "b"], narrowing.UserIds);
        Assert.Equal("x", new SegmentRule { TagsAny = ["x"] }.Narrowing().Tag);
        Assert.Null(new SegmentRule { TagsAny = ["x", "y"] }.Narrowing().Tag);
        Assert.Same(DirectoryFilter.Everyone, new SegmentRule { Everyone = true }.Narrowing());
    }

    [Theory]
    [InlineData("segment", "needs at least one condition")]
    [InlineData("segment.everyone", "cannot be combined")]
    [InlineData("segment.tags.all", "non-empty")]
    [InlineData("segment.timeZones", "'Mars/Olympus' is not an IANA time zone")]
    [InlineData("segment.locales", "'fr_FR' is not a BCP 47")]
    [InlineData("segment.userIds", "10001 values; at most 10000")]
    public void A_rule_that_cannot_be_used_names_its_field(string field, string message)
    {
        var rule = field switch
        {
            "segment" => new SegmentRule(),
            "segment.everyone" => new SegmentRule { Everyone = true, TagsAll = ["x"] },
            "segment.tags.all" => new SegmentRule { TagsAll = [" "] },
            "segment.timeZones" => new SegmentRule { TimeZones = ["Mars/Olympus"] },
            "segment.locales" => new SegmentRule { Locales = ["fr_FR"] },
            _ => new SegmentRule { UserIds = [.. Enumerable.Range(0, 10_001).Select(i => $"u{i}")] },
        };

        var problem = rule.Problem();

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Null(new SegmentRule { TagsAll = ["trial"], Locales = ["fr"], TimeZones = ["Europe/Paris"] }.Problem());
    }
}
