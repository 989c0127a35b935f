using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Campaigns;
using Notifications.Testing;
using NotificationSilo;
using Orleans.Streams;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// The campaign stream provider on Azure Queue storage (Campaigns:Streams:Provider=AzureQueue, a private Azurite), as
/// AddCampaignStreams registers it, under Orleans' pulling agents. A message is deleted only once its consumer has
/// returned; one a dead silo had read reappears after the visibility timeout. Each test has its own queues.
/// </summary>
public sealed class AzureQueueStreamsTests(AzuriteQueueFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteQueueFixture>
{
    private const int Streams = 5;
    private readonly string _run = Guid.NewGuid().ToString("N");

    private string Prefix => $"t{_run[..12]}";

    [Fact]
    public async Task Every_event_reaches_its_implicit_subscriber_and_the_queues_empty()
    {
        const int perStream = 100;
        await using var cluster = await AzureQueueStreamCluster.StartAsync(azurite.Server, Prefix);

        await Task.WhenAll(Keys().Select(key => AzureQueueStreamCluster.PublishOnAsync(cluster.Cluster.Primary!, key, 0, perStream)));

        foreach (var key in Keys())
        {
            // At least once: a delivery slower than the visibility timeout (a loaded machine) lets the queue hand the
            // message out again, so repeats are allowed; a missing event is not.
            var receipts = await Eventually.Until(() => Task.FromResult(StreamReceipts.Of(key)), r => r.Select(x => x.Item).Distinct().Count() >= perStream, $"{perStream} events on {key}", TimeSpan.FromSeconds(60));
            Assert.Equal(Expected(key, 0, perStream).Order(StringComparer.Ordinal), receipts.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal));
        }
        await Eventually.Until(() => AzureQueueStreamCluster.PendingMessagesAsync(azurite.Server, Prefix), pending => pending == 0, "every delivered message to be deleted", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Messages_read_but_not_delivered_when_every_silo_is_killed_are_delivered_by_the_next_cluster()
    {
        const int before = 60;
        const int after = 40;
        // Tried: every consumer is held inside its first delivery, so the agents have read messages and deleted none,
        // then every silo dies. Must hold: Azure still counts every message, and a new cluster delivers all of them.
        var first = await AzureQueueStreamCluster.StartAsync(azurite.Server, Prefix);
        ConsumerGate.Hold(_run);
        try
        {
            await Task.WhenAll(Keys().Select(key => AzureQueueStreamCluster.PublishOnAsync(first.Cluster.Primary!, key, 0, before)));
            await Eventually.Until(() => Task.FromResult(ConsumerGate.HeldStreams(_run)), waiting => waiting >= Streams, "every stream's first event in its consumer's hands");
            Assert.Equal(Streams * before, await AzureQueueStreamCluster.PendingMessagesAsync(azurite.Server, Prefix));
            await first.KillAsync();
        }
        finally
        {
            ConsumerGate.Release(_run, deliver: false);
            await first.DisposeAsync();
        }
        Assert.All(Keys(), key => Assert.Empty(StreamReceipts.Of(key)));

        await using var second = await AzureQueueStreamCluster.StartAsync(azurite.Server, Prefix);
        await Task.WhenAll(Keys().Select(key => AzureQueueStreamCluster.PublishOnAsync(second.Cluster.Primary!, key, before, after)));

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(() => Task.FromResult(StreamReceipts.Of(key)), r => r.Select(x => x.Item).Distinct().Count() >= before + after, $"all {before + after} events on {key}", TimeSpan.FromSeconds(60));
            Assert.Equal(Expected(key, 0, before + after).Order(StringComparer.Ordinal), receipts.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal));
        }
        await Eventually.Until(() => AzureQueueStreamCluster.PendingMessagesAsync(azurite.Server, Prefix), pending => pending == 0, "every delivered message to be deleted", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task When_a_silo_dies_its_queues_move_to_the_survivor_and_every_event_published_before_and_after_arrives()
    {
        const int before = 100;
        const int after = 60;
        await using var cluster = await AzureQueueStreamCluster.StartAsync(azurite.Server, Prefix, silos: 2);
        var survivor = cluster.Cluster.Primary!;

        await Task.WhenAll(Keys().Select(key => AzureQueueStreamCluster.PublishOnAsync(cluster.Cluster.SecondarySilos[0], key, 0, before)));
        // The survivor keeps publishing while the other silo dies with messages read, delivered or not, not deleted.
        var publishing = Task.WhenAll(Keys().Select(key => AzureQueueStreamCluster.PublishOnAsync(survivor, key, before, after)));
        var receivedBeforeKill = Keys().Sum(key => StreamReceipts.Of(key).Count);
        await cluster.KillSecondaryAsync();
        await publishing;

        foreach (var key in Keys())
        {
            var receipts = await Eventually.Until(
                () => Task.FromResult(StreamReceipts.Of(key)), r => r.Select(x => x.Item).Distinct().Count() >= before + after, $"all {before + after} events on {key}", TimeSpan.FromSeconds(90));
            Assert.Equal(Expected(key, 0, before + after).Order(StringComparer.Ordinal), receipts.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal));
        }
        var redelivered = Keys().Sum(key => StreamReceipts.Of(key).Count) - Streams * (before + after);
        output.WriteLine($"{receivedBeforeKill} of {Streams * before} events received before the kill; {redelivered} received more than once.");
        await Eventually.Until(() => AzureQueueStreamCluster.PendingMessagesAsync(azurite.Server, Prefix), pending => pending == 0, "every delivered message to be deleted", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_chunk_of_the_largest_size_the_silo_allows_with_the_longest_ids_fits_one_queue_message()
    {
        await using var cluster = await AzureQueueStreamCluster.StartAsync(azurite.Server, Prefix);
        var provider = ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IStreamProvider>(CampaignStreams.ProviderName);
        // '€' travels as \u20AC in the chunk's JSON: the longest id a user may have, in bytes. 500 ASCII ids of 128
        // characters are already refused by the queue service (RequestBodyTooLarge), hence the silo's cap on Azure Queue.
        var ids = Enumerable.Range(0, AzureQueueChunkSizeValidator.MaxChunkSize)
            .Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('€', Notifications.Application.SendRequestValidator.MaxIdLength - 6))
            .ToList();
        var stream = provider.GetStream<CampaignChunk>(StreamId.Create("campaign-chunks-unheard", _run));

        await stream.OnNextAsync(new CampaignChunk(Guid.NewGuid(), 1, ids));
    }

    private IEnumerable<string> Keys() => Enumerable.Range(0, Streams).Select(i => $"{_run}-stream-{i}");

    private static IEnumerable<string> Expected(string key, int from, int count) => Enumerable.Range(from, count).Select(i => $"{key}/{i}");
}
