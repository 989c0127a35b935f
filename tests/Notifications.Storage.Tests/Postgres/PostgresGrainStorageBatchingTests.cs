using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Postgres.GrainStorage;
using Notifications.Storage.Tests.GrainStorage;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>What makes the PostgreSQL grain storage fast: concurrent writes of many grains share round trips.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageBatchingTests(PostgresFixture fixture) : IAsyncLifetime
{
    private readonly PostgresTestStore _store = new(fixture);

    public Task InitializeAsync() => _store.OpenAsync();

    public Task DisposeAsync() => _store.CloseAsync();

    [Fact]
    public async Task Concurrent_writes_of_many_grains_go_to_the_server_in_far_fewer_batches_than_writes()
    {
        const int Grains = 500;
        var storage = PostgresGrainStorageFactory.Create(_store.Services, PostgresTestStore.DeletingRows);
        var writer = _store.Services.GetRequiredService<GrainStateBatchWriter>();
        var before = writer.RoundTrips;

        await Task.WhenAll(Enumerable.Range(0, Grains).Select(i => Task.Run(() =>
            storage.WriteStateAsync("profile", GrainId.Create("user", $"batched-{i}"), new ProfileGrainState(new ProfileState { Visits = i })))));

        var batches = writer.RoundTrips - before;
        Assert.InRange(batches, 1, Grains / 2);
    }

    [Fact]
    public async Task Two_activations_of_one_grain_writing_in_the_same_batch_are_applied_in_turn_and_only_one_wins()
    {
        var storage = PostgresGrainStorageFactory.Create(_store.Services, PostgresTestStore.DeletingRows);
        var grain = GrainId.Create("user", "twice");
        var first = new ProfileGrainState(new ProfileState { Name = "first" });
        var second = new ProfileGrainState(new ProfileState { Name = "second" });

        var writes = new[] { storage.WriteStateAsync("profile", grain, first), storage.WriteStateAsync("profile", grain, second) };
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Both believed the grain unwritten: exactly one insert can succeed, the other is a conflict.
        Assert.Equal(1, writes.Count(w => w.IsCompletedSuccessfully));
        Assert.Equal(1, writes.Count(w => w.Exception?.InnerException is Orleans.Storage.InconsistentStateException));
        var read = new ProfileGrainState();
        await storage.ReadStateAsync("profile", grain, read);
        Assert.Equal(writes[0].IsCompletedSuccessfully ? "first" : "second", read.State.Name);
    }
}
