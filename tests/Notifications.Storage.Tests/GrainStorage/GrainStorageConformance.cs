using Orleans.Storage;

namespace Notifications.Storage.Tests.GrainStorage;

/// <summary>
/// What every Orleans grain storage of the silo must do, whatever its engine: the SQLite provider today, a
/// PostgreSQL one later. A provider's test class derives from this and says how to open its store, how to close it
/// (opening again after closing must see what was written: the same file or database), and how to create a grain
/// storage over it. Each test creates its storages the way the silo does; "two activations" are two state objects
/// of the same grain, as a silo has when a grain is briefly activated twice.
/// </summary>
public abstract class GrainStorageConformance : IAsyncLifetime
{
    protected const string StateName = "profile";

    /// <summary>Opens the provider's store: empty on the first call, with everything written before on the next ones.</summary>
    protected abstract Task OpenAsync();

    /// <summary>Releases everything the provider holds: connections, writers, caches.</summary>
    protected abstract Task CloseAsync();

    /// <summary>A new grain storage instance over the open store, as the silo's factory makes one.</summary>
    protected abstract IGrainStorage CreateStorage();

    public Task InitializeAsync() => OpenAsync();

    public Task DisposeAsync() => CloseAsync();

    /// <summary>Closes the store and opens it again: a storage created afterwards reads only what reached the disk.</summary>
    protected async Task ReopenAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    [Fact]
    public async Task Reading_a_grain_never_written_gives_the_default_state_no_etag_and_no_record()
    {
        var state = await ReadAsync(CreateStorage(), User("nobody"));

        Assert.NotNull(state.State);
        Assert.Equal("", state.State.Name);
        Assert.Equal(0, state.State.Visits);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_is_durable_a_storage_opened_again_from_disk_reads_it_with_the_same_etag()
    {
        var grain = User("ada");
        var written = new ProfileGrainState(new ProfileState { Name = "Ada", Visits = 3, Tags = ["a", "b"] });
        await CreateStorage().WriteStateAsync(StateName, grain, written);
        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);

        await ReopenAsync();
        var read = await ReadAsync(CreateStorage(), grain);

        Assert.Equal("Ada", read.State.Name);
        Assert.Equal(3, read.State.Visits);
        Assert.Equal(["a", "b"], read.State.Tags);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Every_write_gives_a_new_etag_and_only_the_latest_one_may_write_next()
    {
        var storage = CreateStorage();
        var grain = User("ada");
        var state = new ProfileGrainState(new ProfileState { Visits = 1 });
        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;

        state.State.Visits = 2;
        await storage.WriteStateAsync(StateName, grain, state);
        Assert.NotEqual(first, state.ETag);

        var replayed = new ProfileGrainState(new ProfileState { Visits = 99 }, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, replayed));
        Assert.Equal(2, (await ReadAsync(storage, grain)).State.Visits);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_first_activations_state_stays()
    {
        var grain = User("ada");
        await CreateStorage().WriteStateAsync(StateName, grain, new ProfileGrainState(new ProfileState { Name = "original" }));
        // Two activations of the same grain read the same version.
        var first = await ReadAsync(CreateStorage(), grain);
        var second = await ReadAsync(CreateStorage(), grain);
        Assert.Equal(first.ETag, second.ETag);

        first.State.Name = "first";
        await CreateStorage().WriteStateAsync(StateName, grain, first);
        second.State.Name = "second";
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => CreateStorage().WriteStateAsync(StateName, grain, second));

        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(second.ETag, refused.CurrentEtag);
        var stored = await ReadAsync(CreateStorage(), grain);
        Assert.Equal("first", stored.State.Name);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task A_write_without_etag_over_an_existing_record_is_refused_and_changes_nothing()
    {
        var grain = User("ada");
        var existing = new ProfileGrainState(new ProfileState { Name = "existing" });
        await CreateStorage().WriteStateAsync(StateName, grain, existing);

        // An activation that believes the grain was never written.
        var blind = new ProfileGrainState(new ProfileState { Name = "blind" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => CreateStorage().WriteStateAsync(StateName, grain, blind));

        var stored = await ReadAsync(CreateStorage(), grain);
        Assert.Equal("existing", stored.State.Name);
        Assert.Equal(existing.ETag, stored.ETag);
    }

    [Fact]
    public async Task Clearing_a_state_then_reading_gives_the_default_state_and_no_record_and_the_grain_can_be_written_again()
    {
        var storage = CreateStorage();
        var grain = User("ada");
        var state = new ProfileGrainState(new ProfileState { Name = "Ada", Visits = 7 });
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Visits);

        await ReopenAsync();
        storage = CreateStorage();
        var read = await ReadAsync(storage, grain);
        Assert.Equal("", read.State.Name);
        Assert.Equal(0, read.State.Visits);
        Assert.False(read.RecordExists);

        // A fresh activation writes the grain again with the ETag its read gave.
        read.State.Name = "again";
        await storage.WriteStateAsync(StateName, grain, read);
        Assert.Equal("again", (await ReadAsync(storage, grain)).State.Name);
    }

    [Fact]
    public async Task A_write_with_an_etag_read_before_a_clear_is_refused()
    {
        var grain = User("ada");
        var storage = CreateStorage();
        await storage.WriteStateAsync(StateName, grain, new ProfileGrainState(new ProfileState { Name = "v1" }));
        var clearing = await ReadAsync(storage, grain);
        var stale = await ReadAsync(storage, grain);

        await storage.ClearStateAsync(StateName, grain, clearing);
        stale.State.Name = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        Assert.Equal("", (await ReadAsync(storage, grain)).State.Name);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_refused_and_keeps_the_record()
    {
        var grain = User("ada");
        var storage = CreateStorage();
        await storage.WriteStateAsync(StateName, grain, new ProfileGrainState(new ProfileState { Name = "v1" }));
        var writer = await ReadAsync(storage, grain);
        var clearer = await ReadAsync(storage, grain);
        writer.State.Name = "v2";
        await storage.WriteStateAsync(StateName, grain, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, clearer));

        var stored = await ReadAsync(storage, grain);
        Assert.True(stored.RecordExists);
        Assert.Equal("v2", stored.State.Name);
    }

    [Fact]
    public async Task Clearing_without_etag_a_record_another_activation_wrote_is_refused_and_keeps_the_record()
    {
        var grain = User("ada");
        var storage = CreateStorage();
        // This activation read the grain before anyone wrote it ...
        var early = await ReadAsync(storage, grain);
        // ... then another activation wrote it.
        await storage.WriteStateAsync(StateName, grain, new ProfileGrainState(new ProfileState { Name = "written" }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, early));

        Assert.Equal("written", (await ReadAsync(storage, grain)).State.Name);
    }

    [Fact]
    public async Task Clearing_a_grain_never_written_succeeds_and_leaves_no_record()
    {
        var storage = CreateStorage();
        var grain = User("nobody");
        var state = await ReadAsync(storage, grain);

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(storage, grain)).RecordExists);
    }

    [Fact]
    public async Task State_names_and_grain_ids_are_independent_records()
    {
        var storage = CreateStorage();
        var ada = User("ada");
        var bob = User("bob");
        // Same key, other grain type: a different grain.
        var adaDevice = GrainId.Create("device", "ada");
        await storage.WriteStateAsync(StateName, ada, new ProfileGrainState(new ProfileState { Name = "ada/profile" }));
        await storage.WriteStateAsync("settings", ada, new ProfileGrainState(new ProfileState { Name = "ada/settings" }));
        await storage.WriteStateAsync(StateName, bob, new ProfileGrainState(new ProfileState { Name = "bob/profile" }));
        await storage.WriteStateAsync(StateName, adaDevice, new ProfileGrainState(new ProfileState { Name = "device ada/profile" }));

        Assert.Equal("ada/profile", (await ReadAsync(storage, ada)).State.Name);
        Assert.Equal("ada/settings", (await ReadAsync(storage, ada, "settings")).State.Name);
        Assert.Equal("bob/profile", (await ReadAsync(storage, bob)).State.Name);
        Assert.Equal("device ada/profile", (await ReadAsync(storage, adaDevice)).State.Name);
        Assert.False((await ReadAsync(storage, bob, "settings")).RecordExists);

        // Clearing one leaves the others.
        var adaProfile = await ReadAsync(storage, ada);
        await storage.ClearStateAsync(StateName, ada, adaProfile);
        Assert.False((await ReadAsync(storage, ada)).RecordExists);
        Assert.Equal("ada/settings", (await ReadAsync(storage, ada, "settings")).State.Name);
        Assert.Equal("device ada/profile", (await ReadAsync(storage, adaDevice)).State.Name);
    }

    [Fact]
    public async Task Five_hundred_concurrent_writes_of_different_grains_all_succeed_and_all_read_back()
    {
        const int Grains = 500;
        var storage = CreateStorage();
        var states = Enumerable.Range(0, Grains)
            .Select(i => (Grain: User($"concurrent-{i}"), State: new ProfileGrainState(new ProfileState { Name = $"user {i}", Visits = i })))
            .ToList();

        // All at once, as many grains' turns end at the same moment: a group-committing store takes them together.
        await Task.WhenAll(states.Select(s => Task.Run(() => storage.WriteStateAsync(StateName, s.Grain, s.State))));

        Assert.All(states, s => Assert.NotNull(s.State.ETag));
        await ReopenAsync();
        var reader = CreateStorage();
        foreach (var (grain, written) in states)
        {
            var read = await ReadAsync(reader, grain);
            Assert.Equal(written.State.Name, read.State.Name);
            Assert.Equal(written.State.Visits, read.State.Visits);
            Assert.Equal(written.ETag, read.ETag);
        }
    }

    [Fact]
    public async Task Refused_writes_in_a_burst_of_concurrent_writes_fail_alone_and_their_neighbours_commit()
    {
        const int Grains = 200;
        var storage = CreateStorage();
        var existing = Enumerable.Range(0, Grains).Select(i => User($"burst-{i}")).ToList();
        var written = new List<ProfileGrainState>();
        foreach (var grain in existing)
        {
            var state = new ProfileGrainState(new ProfileState { Name = "before" });
            await storage.WriteStateAsync(StateName, grain, state);
            written.Add(state);
        }

        // Even grains: a blind activation (no ETag) is refused. Odd grains: their own activation writes on.
        var writes = existing.Select((grain, i) =>
        {
            var state = i % 2 == 0 ? new ProfileGrainState(new ProfileState { Name = "blind" }) : written[i];
            state.State.Name = i % 2 == 0 ? "blind" : "after";
            return Task.Run(() => storage.WriteStateAsync(StateName, grain, state));
        }).ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        for (var i = 0; i < Grains; i++)
        {
            if (i % 2 == 0)
            {
                await Assert.ThrowsAsync<InconsistentStateException>(() => writes[i]);
            }
            else
            {
                await writes[i];
            }
            Assert.Equal(i % 2 == 0 ? "before" : "after", (await ReadAsync(storage, existing[i])).State.Name);
        }
    }

    protected static GrainId User(string key) => GrainId.Create("user", key);

    protected static async Task<ProfileGrainState> ReadAsync(IGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var state = new ProfileGrainState();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }
}
