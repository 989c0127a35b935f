using Microsoft.Extensions.DependencyInjection;
using Notifications.Api;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;
using Notifications.Storage.Postgres.Effects;
using Npgsql;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>Group commit of the turns' records: concurrent turns of many grains share round trips, and a batch's failure stays with its turns.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEffectBatchingTests(PostgresFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresTestStore _store = new(fixture);

    public Task InitializeAsync() => _store.OpenAsync();

    public Task DisposeAsync() => _store.CloseAsync();

    [Fact]
    public async Task Concurrent_turns_of_many_grains_go_to_the_server_in_far_fewer_batches_than_turns()
    {
        const int Turns = 500;
        var effects = _store.Services.GetRequiredService<IEffectStore>();
        var writer = _store.Services.GetRequiredService<EffectBatchWriter>();
        var before = writer.RoundTrips;

        await Task.WhenAll(Enumerable.Range(0, Turns).Select(i => Task.Run(() => effects.ApplyAsync(Turn($"g-{i}", "Hi"), CancellationToken.None))));

        Assert.InRange(writer.RoundTrips - before, 1, Turns / 2);
        var inbox = _store.Services.GetRequiredService<IInboxStore>();
        Assert.Equal(1, (await inbox.CountsAsync("g-499", T0, default)).Unread);
    }

    [Fact]
    public async Task A_turn_the_server_refuses_fails_alone_and_the_turns_that_shared_its_batch_land()
    {
        var effects = _store.Services.GetRequiredService<IEffectStore>();
        // PostgreSQL text cannot hold a NUL character: the whole batch holding this turn is refused.
        var poisoned = Turn("poisoned", "nul \0 inside");
        var turns = Enumerable.Range(0, 200).Select(i => Turn($"fine-{i}", "Hi")).ToList();
        turns.Insert(100, poisoned);

        // Queued back to back while the first batches are in flight: the culprit waits for the next batch among neighbours.
        var writes = turns.Select(t => effects.ApplyAsync(t, CancellationToken.None)).ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        var failed = Assert.Single(writes, w => w.IsFaulted);
        Assert.Same(poisoned, turns[writes.IndexOf(failed)]);
        Assert.IsType<PostgresException>(failed.Exception!.InnerException);
        var notifications = _store.Services.GetRequiredService<INotificationStore>();
        Assert.Null(await notifications.GetAsync(poisoned.Notifications[0].Id, default));
        foreach (var turn in turns.Where(t => t != poisoned))
        {
            Assert.NotNull(await notifications.GetAsync(turn.Notifications[0].Id, default));
        }
    }

    private static PendingEffects Turn(string user, string title)
    {
        var id = Guid.NewGuid();
        return new PendingEffects(1, Priority.Normal,
            [new NotificationRecord(id, user, "t", "social", Priority.Normal, NotificationStatus.Dispatched, title, "Body", T0)],
            [new InboxEntry(id, user, "t", "social", title, "Body", new Dictionary<string, string>(), T0)], []);
    }
}
