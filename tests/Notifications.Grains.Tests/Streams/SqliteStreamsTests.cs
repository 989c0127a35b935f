using Xunit.Abstractions;
using Notifications.Testing;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// The SQLite stream provider under Orleans' pulling agents: producers in a silo publish, implicit subscribers
/// receive. Each test has its own SQLite file and its own clusters.
/// </summary>
public sealed class SqliteStreamsTests(ITestOutputHelper output) : IDisposable
{
    private const int Streams = 5;
    private readonly TempDirectory _directory = new("sqlite-streams");
    private readonly string _run = Guid.NewGuid().ToString("N");

    private string DatabasePath => _directory.File("streams.db");

    [Fact]
    public async Task Every_event_published_on_several_streams_reaches_its_implicit_subscriber_once_and_in_order_and_the_queue_empties()
    {
        const int perStream = 200;
        await using var cluster = await StreamCluster.StartAsync(DatabasePath);

        await Task.WhenAll(Keys().Select(key => cluster.PublishAsync(key, 0, perStream)));

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(() => Task.FromResult(StreamReceipts.Of(key)), r => r.Count >= perStream, $"{perStream} events on {key}");
            Assert.Equal(Expected(key, 0, perStream), receipts.Select(r => r.Item));
            Assert.Equal(perStream, receipts.Select(r => r.Token).Distinct().Count());
        }
        await Eventually.Until(() => StreamCluster.PendingRows(DatabasePath) == 0, "every delivered row to be acknowledged and deleted");
    }

    [Fact]
    public async Task Nothing_published_is_lost_when_the_silo_is_killed_with_deliveries_in_flight_and_the_cluster_restarts_on_the_same_file()
    {
        const int before = 120;
        const int after = 80;
        var first = await StreamCluster.StartAsync(DatabasePath);
        ConsumerGate.Hold(_run);
        try
        {
            await Task.WhenAll(Keys().Select(key => first.PublishAsync(key, 0, before)));
            // Each stream's first event is in its consumer's hands, so rows were read but none acknowledged.
            Assert.Equal(Streams * before, StreamCluster.PendingRows(DatabasePath));
            await first.KillAsync();
        }
        finally
        {
            ConsumerGate.Release(_run, deliver: false);
            await first.DisposeAsync();
        }
        Assert.All(Keys(), key => Assert.Empty(StreamReceipts.Of(key)));

        await using var second = await StreamCluster.StartAsync(DatabasePath);
        await Task.WhenAll(Keys().Select(key => second.PublishAsync(key, before, after)));

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(() => Task.FromResult(StreamReceipts.Of(key)), r => r.Select(x => x.Item).Distinct().Count() >= before + after, $"all {before + after} events on {key}");
            // In the order published: the rows left unacknowledged by the killed silo first, then the new ones.
            Assert.Equal(Expected(key, 0, before + after), receipts.Select(r => r.Item).Distinct());
            // A redelivered event carries the token it was first given: the row's id.
            Assert.All(receipts.GroupBy(r => r.Item), group => Assert.Single(group.Select(r => r.Token).Distinct()));
        }
        await Eventually.Until(() => StreamCluster.PendingRows(DatabasePath) == 0, "every delivered row to be acknowledged and deleted");
    }

    [Fact]
    public async Task When_a_silo_dies_its_queues_move_to_the_survivor_and_every_event_published_before_and_after_arrives()
    {
        const int before = 150;
        const int after = 50;
        await using var cluster = await StreamCluster.StartAsync(DatabasePath, silos: 2);
        await Task.WhenAll(Keys().Select(key => cluster.PublishAsync(key, 0, before)));

        // Right after publishing: the dead silo's agents held events read but not yet delivered or acknowledged.
        var receivedBeforeKill = Keys().Sum(key => StreamReceipts.Of(key).Count);
        await cluster.KillSecondaryAsync();
        await Task.WhenAll(Keys().Select(key => cluster.PublishRetryingAsync(key, before, after)));

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(
                () => Task.FromResult(StreamReceipts.Of(key)), r => r.Select(x => x.Item).Distinct().Count() >= before + after, $"all {before + after} events on {key}", TimeSpan.FromSeconds(90));
            Assert.Equal(Expected(key, 0, before + after).Order(StringComparer.Ordinal), receipts.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal));
        }
        var redelivered = Keys().Sum(key => StreamReceipts.Of(key).Count) - Streams * (before + after);
        output.WriteLine($"{receivedBeforeKill} of {Streams * before} events received before the kill; {redelivered} received more than once.");
        await Eventually.Until(() => StreamCluster.PendingRows(DatabasePath) == 0, "every delivered row to be acknowledged and deleted", TimeSpan.FromSeconds(90));
    }

    private IEnumerable<string> Keys() => Enumerable.Range(0, Streams).Select(i => $"{_run}-stream-{i}");

    private static IEnumerable<string> Expected(string key, int from, int count) => Enumerable.Range(from, count).Select(i => $"{key}/{i}");

    public void Dispose() => _directory.Dispose();
}
