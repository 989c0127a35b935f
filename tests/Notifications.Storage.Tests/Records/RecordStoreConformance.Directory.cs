using Notifications.Domain.Directory;
using Notifications.Domain.Segments;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests.Records;

/// <summary>The user directory (written with a profile turn's effects, paged by key) and saved segments.</summary>
public abstract partial class RecordStoreConformance
{
    private Task WriteProfileAsync(string user, string? locale, string? zone, params string[] tags) =>
        ApplyAsync(Turn() with { Directory = new DirectoryEntry(user, tags, locale, zone, T0) });

    [Fact]
    public async Task A_profile_turn_writes_the_directory_row_and_a_later_one_replaces_it_tags_included()
    {
        await WriteProfileAsync("d-1", "fr-CA", "America/Toronto", "trial", "beta");
        await WriteProfileAsync("d-1", "fr-CA", "America/Toronto", "trial", "beta"); // a replayed turn changes nothing

        var first = await Store.Directory.GetAsync("d-1", default);
        Assert.Equal(["trial", "beta"], first!.Tags);
        Assert.Equal(["d-1"], (await Store.Directory.PageAsync(new DirectoryFilter { Tag = "beta" }, null, 10, default)).Select(e => e.UserId));

        await WriteProfileAsync("d-1", "de", null, "trial", "paid");
        await ReopenAsync();

        var second = await Store.Directory.GetAsync("d-1", default);
        Assert.Equal(new DirectoryEntry("d-1", ["trial", "paid"], "de", null, T0), second! with { Tags = [.. second.Tags] }, new EntryComparer());
        Assert.Empty(await Store.Directory.PageAsync(new DirectoryFilter { Tag = "beta" }, null, 10, default));
        Assert.Single(await Store.Directory.PageAsync(new DirectoryFilter { Tag = "paid" }, null, 10, default));
        Assert.Equal(1, await Store.Directory.CountAsync(default));
        Assert.Null(await Store.Directory.GetAsync("d-unknown", default));
    }

    [Fact]
    public async Task The_directory_pages_in_user_id_order_by_key_under_every_filter()
    {
        await WriteProfileAsync("p-05", "fr-FR", "Europe/Paris", "trial");
        await WriteProfileAsync("p-01", "fr-CA", "America/Toronto", "trial", "vip");
        await WriteProfileAsync("p-03", "en-GB", "Europe/London");
        await WriteProfileAsync("p-02", null, null, "trial");
        await WriteProfileAsync("p-04", "FR", "Europe/Paris", "vip");

        var everyone = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Store.Directory.PageAsync(DirectoryFilter.Everyone, after, 2, default);
            if (page.Count == 0)
            {
                break;
            }
            everyone.AddRange(page.Select(e => e.UserId));
            after = page[^1].UserId;
        }
        Assert.Equal(["p-01", "p-02", "p-03", "p-04", "p-05"], everyone);

        async Task<string[]> Ids(DirectoryFilter filter, string? from = null) =>
            [.. (await Store.Directory.PageAsync(filter, from, 100, default)).Select(e => e.UserId)];

        Assert.Equal(["p-01", "p-02", "p-05"], await Ids(new DirectoryFilter { Tag = "trial" }));
        Assert.Equal(["p-05"], await Ids(new DirectoryFilter { Tag = "trial" }, "p-02"));
        Assert.Equal(["p-04", "p-05"], await Ids(new DirectoryFilter { TimeZones = ["Europe/Paris"] }));
        Assert.Equal(["p-02", "p-03"], await Ids(new DirectoryFilter { TimeZones = [null, "Europe/London"] }));
        Assert.Equal(["p-01", "p-04", "p-05"], await Ids(new DirectoryFilter { Languages = ["fr"] }));
        Assert.Equal(["p-01", "p-03"], await Ids(new DirectoryFilter { UserIds = ["p-03", "p-01", "p-99"] }));
        Assert.Equal(["p-05"], await Ids(new DirectoryFilter { Tag = "trial", TimeZones = ["Europe/Paris"], Languages = ["fr"] }));
        Assert.Equal(5, await Store.Directory.CountAsync(default));
        Assert.Equal([null, "America/Toronto", "Europe/London", "Europe/Paris"], await Store.Directory.TimeZonesAsync(default));
    }

    [Fact]
    public async Task Saved_segments_are_listed_newest_first_read_by_id_and_deleted_once()
    {
        var older = new SavedSegment(Guid.CreateVersion7(T0), "trial in France", new SegmentRule { TagsAll = ["trial"], Locales = ["fr"] }, T0);
        var newer = new SavedSegment(Guid.CreateVersion7(T0.AddMinutes(1)), "everyone", new SegmentRule { Everyone = true }, T0.AddMinutes(1));
        await Store.Segments.CreateAsync(older, default);
        await Store.Segments.CreateAsync(newer, default);
        await ReopenAsync();

        Assert.Equal([newer.Id, older.Id], (await Store.Segments.ListAsync(default)).Select(s => s.Id));
        var read = await Store.Segments.GetAsync(older.Id, default);
        Assert.Equal("trial in France", read!.Name);
        Assert.Equal(["trial"], read.Rule.TagsAll);
        Assert.Equal(["fr"], read.Rule.Locales);
        Assert.True(await Store.Segments.DeleteAsync(older.Id, default));
        Assert.False(await Store.Segments.DeleteAsync(older.Id, default));
        Assert.Null(await Store.Segments.GetAsync(older.Id, default));
    }

    private sealed class EntryComparer : IEqualityComparer<DirectoryEntry>
    {
        public bool Equals(DirectoryEntry? x, DirectoryEntry? y) =>
            x is not null && y is not null && x.UserId == y.UserId && x.Tags.SequenceEqual(y.Tags) && x.Locale == y.Locale
            && x.TimeZone == y.TimeZone && x.RegisteredAt == y.RegisteredAt;

        public int GetHashCode(DirectoryEntry obj) => obj.UserId.GetHashCode(StringComparison.Ordinal);
    }
}
