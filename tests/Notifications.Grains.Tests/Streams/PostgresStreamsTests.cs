using Xunit.Abstractions;
using Notifications.Testing;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// The PostgreSQL stream provider under Orleans' pulling agents in a two-silo cluster sharing one database: either
/// silo publishes, the silo owning a queue's agent delivers to the implicit subscribers. Each test has its own database.
/// </summary>
public sealed class PostgresStreamsTests(PostgresServerFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresServerFixture>
{
    private const int Streams = 6;
    private readonly string _run = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Events_published_on_either_silo_reach_their_implicit_subscriber_exactly_once_and_in_order_and_the_queues_empty()
    {
        const int perSilo = 100;
        await using var cluster = await PostgresStreamCluster.StartAsync(await postgres.Server.CreateDatabaseAsync("streams"), silos: 2);
        await cluster.WaitForBalancedAgentsAsync();
        var (first, second) = (cluster.Cluster.Primary!, cluster.Cluster.SecondarySilos[0]);

        // Per stream, the first half from one silo, then the second half from the other; the streams run at once.
        await Task.WhenAll(Keys().Select(async (key, index) =>
        {
            await PostgresStreamCluster.PublishOnAsync(index % 2 == 0 ? first : second, key, 0, perSilo);
            await PostgresStreamCluster.PublishOnAsync(index % 2 == 0 ? second : first, key, perSilo, perSilo);
        }));

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(() => Task.FromResult(StreamReceipts.Of(key)), r => r.Count >= 2 * perSilo, $"{2 * perSilo} events on {key}");
            Assert.Equal(Expected(key, 0, 2 * perSilo), receipts.Select(r => r.Item));
            Assert.Equal(2 * perSilo, receipts.Select(r => r.Token).Distinct().Count());
        }
        await Eventually.Until(async () => await cluster.PendingRowsAsync(), pending => pending == 0, "every delivered row to be acknowledged and deleted");
        // Nothing arrived twice after the check above either: the deletes were the last word.
        Assert.All(Keys(), key => Assert.Equal(2 * perSilo, StreamReceipts.Of(key).Count));
    }

    [Fact]
    public async Task Killing_a_silo_mid_stream_loses_nothing_its_queues_move_to_the_survivor_and_deliver_what_it_held()
    {
        const int before = 150;
        const int after = 100;
        await using var cluster = await PostgresStreamCluster.StartAsync(await postgres.Server.CreateDatabaseAsync("streams"), silos: 2);
        await cluster.WaitForBalancedAgentsAsync();
        var survivor = cluster.Cluster.Primary!;

        await Task.WhenAll(Keys().Select(key => PostgresStreamCluster.PublishOnAsync(cluster.Cluster.SecondarySilos[0], key, 0, before)));
        // The survivor keeps publishing while the other silo dies with events read, delivered or not, unacknowledged.
        var publishing = Task.WhenAll(Keys().Select(key => PostgresStreamCluster.PublishOnAsync(survivor, key, before, after)));
        var receivedBeforeKill = Keys().Sum(key => StreamReceipts.Of(key).Count);
        await cluster.KillSecondaryAsync();
        await publishing;

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(
                () => Task.FromResult(StreamReceipts.Of(key)), r => r.Select(x => x.Item).Distinct().Count() >= before + after, $"all {before + after} events on {key}", TimeSpan.FromSeconds(90));
            Assert.Equal(Expected(key, 0, before + after).Order(StringComparer.Ordinal), receipts.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal));
            // A redelivered event carries the token it was first given: the row's number in its queue.
            Assert.All(receipts.GroupBy(r => r.Item), group => Assert.Single(group.Select(r => r.Token).Distinct()));
        }
        var redelivered = Keys().Sum(key => StreamReceipts.Of(key).Count) - Streams * (before + after);
        output.WriteLine($"{receivedBeforeKill} of {Streams * before} events received before the kill; {redelivered} received more than once.");
        await Eventually.Until(async () => await cluster.PendingRowsAsync(), pending => pending == 0, "every delivered row to be acknowledged and deleted", TimeSpan.FromSeconds(90));
    }

    private IEnumerable<string> Keys() => Enumerable.Range(0, Streams).Select(i => $"{_run}-stream-{i}");

    private static IEnumerable<string> Expected(string key, int from, int count) => Enumerable.Range(from, count).Select(i => $"{key}/{i}");
}
