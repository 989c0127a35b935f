namespace Notifications.Storage.Tests.Reminders;

/// <summary>
/// What every Orleans reminder table of the silo must do, whatever its engine. A provider's test class derives from
/// this and says how to open an empty table and how to close it. The silo's reminder service reads the reminders of
/// its ring range by the grain's uniform hash, range (begin, end], wrapping around zero when begin &gt;= end.
/// </summary>
public abstract class ReminderTableConformance : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2026, 6, 1, 12, 0, 0, 123, DateTimeKind.Utc);
    private IReminderTable? _table;

    protected IReminderTable Table => _table ?? throw new InvalidOperationException("The table is not open.");

    /// <summary>Opens the provider's reminder table over a fresh, empty store.</summary>
    protected abstract Task<IReminderTable> OpenAsync();

    protected abstract Task CloseAsync();

    public async Task InitializeAsync()
    {
        _table = await OpenAsync();
        await _table.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.StopAsync();
        }
        await CloseAsync();
    }

    [Fact]
    public async Task Upserting_a_reminder_returns_an_etag_and_upserting_it_again_a_different_one_with_the_new_schedule()
    {
        var grain = User("ada");
        var first = await Table.UpsertRow(Reminder(grain, "digest", T0, TimeSpan.FromMinutes(5)));
        var second = await Table.UpsertRow(Reminder(grain, "digest", T0.AddHours(1), TimeSpan.FromMinutes(10)));

        Assert.False(string.IsNullOrEmpty(first));
        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);
        var row = await Table.ReadRow(grain, "digest");
        Assert.NotNull(row);
        Assert.Equal(second, row.ETag);
        AssertSameInstant(T0.AddHours(1), row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(10), row.Period);
        Assert.Single((await Table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task ReadRow_gives_the_stored_reminder_with_every_field_and_null_for_an_unknown_one()
    {
        var grain = User("ada");
        var etag = await Table.UpsertRow(Reminder(grain, "digest", T0, TimeSpan.FromMinutes(5)));

        var row = await Table.ReadRow(grain, "digest");

        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("digest", row.ReminderName);
        AssertSameInstant(T0, row.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(etag, row.ETag);
        Assert.Null(await Table.ReadRow(grain, "other"));
        Assert.Null(await Table.ReadRow(User("bob"), "digest"));
    }

    [Fact]
    public async Task ReadRows_of_a_grain_gives_all_its_reminders_and_none_of_another_grains()
    {
        var ada = User("ada");
        await Table.UpsertRow(Reminder(ada, "digest", T0, TimeSpan.FromMinutes(5)));
        await Table.UpsertRow(Reminder(ada, "quiet-hours", T0, TimeSpan.FromHours(1)));
        await Table.UpsertRow(Reminder(User("bob"), "digest", T0, TimeSpan.FromMinutes(5)));
        // Same key, other grain type: another grain.
        await Table.UpsertRow(Reminder(GrainId.Create("device", "ada"), "digest", T0, TimeSpan.FromMinutes(5)));

        var rows = (await Table.ReadRows(ada)).Reminders;

        Assert.Equal(["digest", "quiet-hours"], rows.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(ada, r.GrainId));
        Assert.Empty((await Table.ReadRows(User("nobody"))).Reminders);
    }

    [Fact]
    public async Task ReadRows_of_a_ring_range_gives_the_grains_whose_hash_is_above_begin_and_at_most_end()
    {
        var grains = await UpsertGrainsAsync(12);
        // Bounds on stored hashes: the grain at begin is excluded, the grain at end included.
        var begin = grains[2].Hash;
        var end = grains[7].Hash;

        var rows = (await Table.ReadRows(begin, end)).Reminders;

        Assert.Equal(Keys(grains[3..8].Select(g => g.Grain)), Keys(rows.Select(r => r.GrainId)));
        // A range between two neighbours holds nothing; one ending just before a grain excludes it.
        Assert.Empty((await Table.ReadRows(grains[4].Hash, grains[5].Hash - 1)).Reminders);
        Assert.Equal([grains[5].Grain], (await Table.ReadRows(grains[5].Hash - 1, grains[5].Hash)).Reminders.Select(r => r.GrainId));
    }

    [Fact]
    public async Task ReadRows_of_a_range_with_begin_at_or_after_end_wraps_around_zero()
    {
        var grains = await UpsertGrainsAsync(12);
        var begin = grains[8].Hash;
        var end = grains[3].Hash;

        var wrapped = Keys((await Table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId));

        // Above begin up to the top of the ring, then from zero up to end.
        Assert.Equal(Keys(grains[9..].Concat(grains[..4]).Select(g => g.Grain)), wrapped);
        // begin == end is the whole ring.
        Assert.Equal(grains.Count, (await Table.ReadRows(grains[5].Hash, grains[5].Hash)).Reminders.Count);
        Assert.Equal(grains.Count, (await Table.ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public async Task ReadRows_covers_the_extreme_hashes_zero_is_below_every_range_and_uint_max_inside_one_ending_there()
    {
        var grains = await UpsertGrainsAsync(6);

        Assert.Equal(grains.Count, (await Table.ReadRows(0, uint.MaxValue)).Reminders.Count);
        Assert.Equal(grains.Count, (await Table.ReadRows(uint.MaxValue, uint.MaxValue)).Reminders.Count);
        Assert.Equal(Keys(grains[1..].Select(g => g.Grain)), Keys((await Table.ReadRows(grains[0].Hash, uint.MaxValue)).Reminders.Select(r => r.GrainId)));
    }

    [Fact]
    public async Task RemoveRow_with_a_wrong_or_stale_etag_returns_false_and_keeps_the_row_with_the_right_one_true_and_removes_it()
    {
        var grain = User("ada");
        var stale = await Table.UpsertRow(Reminder(grain, "digest", T0, TimeSpan.FromMinutes(5)));
        var current = await Table.UpsertRow(Reminder(grain, "digest", T0, TimeSpan.FromMinutes(6)));

        Assert.False(await Table.RemoveRow(grain, "digest", "not-an-etag"));
        Assert.False(await Table.RemoveRow(grain, "digest", stale!));
        Assert.NotNull(await Table.ReadRow(grain, "digest"));

        Assert.True(await Table.RemoveRow(grain, "digest", current!));
        Assert.Null(await Table.ReadRow(grain, "digest"));
        Assert.False(await Table.RemoveRow(grain, "digest", current!));
    }

    [Fact]
    public async Task Removing_one_reminder_leaves_the_grains_other_reminders()
    {
        var grain = User("ada");
        var digest = await Table.UpsertRow(Reminder(grain, "digest", T0, TimeSpan.FromMinutes(5)));
        await Table.UpsertRow(Reminder(grain, "quiet-hours", T0, TimeSpan.FromHours(1)));

        Assert.True(await Table.RemoveRow(grain, "digest", digest!));

        Assert.Equal(["quiet-hours"], (await Table.ReadRows(grain)).Reminders.Select(r => r.ReminderName));
    }

    [Fact]
    public async Task TestOnlyClearTable_removes_every_reminder()
    {
        var grains = await UpsertGrainsAsync(5);

        await Table.TestOnlyClearTable();

        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
        Assert.Null(await Table.ReadRow(grains[0].Grain, "tick"));
    }

    [Fact]
    public async Task The_cancellation_token_overloads_the_reminder_service_calls_act_on_the_same_table()
    {
        using var cancellation = new CancellationTokenSource();
        var token = cancellation.Token;
        var grain = User("ada");

        var etag = await Table.UpsertRow(Reminder(grain, "digest", T0, TimeSpan.FromMinutes(5)), token);
        var row = await Table.ReadRow(grain, "digest", token);
        Assert.Equal(etag, row?.ETag);
        Assert.Single((await Table.ReadRows(grain, token)).Reminders);
        Assert.Single((await Table.ReadRows(0, 0, token)).Reminders);
        Assert.True(await Table.RemoveRow(grain, "digest", etag!, token));
        Assert.Null(await Table.ReadRow(grain, "digest"));
    }

    protected static GrainId User(string key) => GrainId.Create("user", key);

    protected static ReminderEntry Reminder(GrainId grain, string name, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = startAt, Period = period };

    /// <summary>Reminders fire to the millisecond: an instant must come back the same to the millisecond, as UTC.</summary>
    protected static void AssertSameInstant(DateTime expected, DateTime actual)
    {
        var utc = actual.Kind == DateTimeKind.Local ? actual.ToUniversalTime() : actual;
        Assert.Equal(expected.Ticks / TimeSpan.TicksPerMillisecond, utc.Ticks / TimeSpan.TicksPerMillisecond);
    }

    private static List<string> Keys(IEnumerable<GrainId> grains) => [.. grains.Select(g => g.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>One reminder "tick" on each of <paramref name="count"/> grains; returned in ring order (by uniform hash).</summary>
    private async Task<List<(GrainId Grain, uint Hash)>> UpsertGrainsAsync(int count)
    {
        var grains = Enumerable.Range(0, count)
            .Select(i => User($"ring-{i}"))
            .Select(g => (Grain: g, Hash: g.GetUniformHashCode()))
            .OrderBy(g => g.Hash)
            .ToList();
        Assert.Equal(count, grains.Select(g => g.Hash).Distinct().Count());
        // The neighbour checks need room between hashes and below the smallest.
        Assert.All(grains.Zip(grains.Skip(1)), pair => Assert.True(pair.Second.Hash - pair.First.Hash > 1));
        Assert.True(grains[0].Hash > 0);
        foreach (var (grain, _) in grains)
        {
            await Table.UpsertRow(Reminder(grain, "tick", T0, TimeSpan.FromMinutes(1)));
        }
        return grains;
    }
}
