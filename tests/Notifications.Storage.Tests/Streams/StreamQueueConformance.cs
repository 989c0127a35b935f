using Orleans.Streams;

namespace Notifications.Storage.Tests.Streams;

/// <summary>
/// What every durable persistent-stream queue adapter of the silo must do, whatever its engine, driven through
/// Orleans' adapter and receiver interfaces as the pulling agents drive them. A provider's test class derives from
/// this and says how to open the provider over a store (empty the first time, the same data after a close) and how
/// to close it; a close followed by an open is a silo restart. Events are strings, so no codec is needed.
/// </summary>
public abstract class StreamQueueConformance : IAsyncLifetime
{
    private const string Namespace = "kit";
    private IQueueAdapterFactory? _factory;
    private IQueueAdapter? _adapter;

    protected StreamQueueSettings Settings => StreamQueueSettings.Kit;

    private IQueueAdapter Adapter => _adapter ?? throw new InvalidOperationException("The provider is not open.");

    private IStreamQueueMapper Mapper => (_factory ?? throw new InvalidOperationException("The provider is not open.")).GetStreamQueueMapper();

    /// <summary>Opens the provider configured with <paramref name="settings"/>; the first open of a test starts from an empty store.</summary>
    protected abstract Task<IQueueAdapterFactory> OpenAsync(StreamQueueSettings settings);

    /// <summary>Closes the provider and everything it holds open; the stored queue stays for the next open.</summary>
    protected abstract Task CloseAsync();

    /// <summary>A second provider, named <see cref="OtherProvider"/> and configured like the kit's, over the same open store.</summary>
    protected abstract IQueueAdapterFactory OpenOther();

    /// <summary>Writes a row for <paramref name="stream"/> into <paramref name="queue"/> of the kit's provider as the provider would, but with a payload no silo can decode.</summary>
    protected abstract Task InsertUndecodableRowAsync(QueueId queue, StreamId stream, byte[] payload);

    /// <summary>The rows of every provider left in the store.</summary>
    protected abstract Task<long> RowCountAsync();

    protected const string OtherProvider = "other-streams";

    public async Task InitializeAsync() => await OpenProviderAsync();

    public Task DisposeAsync() => CloseAsync();

    [Fact]
    public void The_adapter_is_a_read_write_queue_that_cannot_rewind_and_maps_streams_over_the_configured_queues()
    {
        Assert.Equal(Settings.Provider, Adapter.Name);
        Assert.False(Adapter.IsRewindable);
        Assert.Equal(StreamProviderDirection.ReadWrite, Adapter.Direction);
        Assert.Equal(Settings.QueueCount, Mapper.GetAllQueues().Count());
        Assert.Equal(Mapper.GetQueueForStream(StreamId.Create(Namespace, "same")), Mapper.GetQueueForStream(StreamId.Create(Namespace, "same")));
    }

    [Fact]
    public async Task An_empty_queue_reads_nothing()
    {
        foreach (var queue in Mapper.GetAllQueues())
        {
            var receiver = await ReceiverAsync(queue);
            Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_streams_events_are_read_in_the_order_they_were_queued_with_increasing_tokens()
    {
        var stream = Stream("ordered");
        var sent = Enumerable.Range(0, 50).Select(i => $"event-{i}").ToList();
        foreach (var item in sent)
        {
            await Adapter.QueueMessageAsync(stream, item, null, null);
        }

        var batches = await DrainAsync(await ReceiverAsync(stream));

        Assert.Equal(sent, batches.SelectMany(Events).ToList());
        Assert.All(batches, batch => Assert.Equal(stream, batch.StreamId));
        AssertIncreasing(batches.Select(batch => batch.SequenceToken).ToList());
    }

    [Fact]
    public async Task The_events_of_one_call_arrive_together_with_the_calls_token_and_their_own_index()
    {
        var stream = Stream("batch");
        await Adapter.QueueMessageBatchAsync(stream, new[] { "a", "b", "c" }, null, null);

        var batch = Assert.Single(await DrainAsync(await ReceiverAsync(stream)));

        var events = batch.GetEvents<string>().ToList();
        Assert.Equal(["a", "b", "c"], events.Select(e => e.Item1));
        Assert.All(events, e => Assert.Equal(batch.SequenceToken.SequenceNumber, e.Item2.SequenceNumber));
        Assert.Equal([0, 1, 2], events.Select(e => e.Item2.EventIndex));
        Assert.Empty(batch.GetEvents<int>());
    }

    [Fact]
    public async Task A_read_returns_at_most_the_batch_size_and_at_most_what_the_agent_asked_for()
    {
        var stream = Stream("bounded");
        var total = Settings.BatchSize * 3 + 3;
        await QueueAsync(stream, total);
        var receiver = await ReceiverAsync(stream);

        Assert.Equal(Settings.BatchSize, (await receiver.GetQueueMessagesAsync(1000, CancellationToken.None)).Count);
        Assert.Equal(5, (await receiver.GetQueueMessagesAsync(5, CancellationToken.None)).Count);
        // Orleans asks with a negative count for "no limit": the batch size still bounds the read.
        Assert.Equal(Settings.BatchSize, (await receiver.GetQueueMessagesAsync(-1, CancellationToken.None)).Count);
        var rest = await DrainAsync(receiver);
        Assert.Equal(total - Settings.BatchSize * 2 - 5, rest.Count);
    }

    [Fact]
    public async Task A_receiver_reads_each_message_once_and_acknowledged_ones_are_never_delivered_again()
    {
        var stream = Stream("acked");
        await QueueAsync(stream, 10);
        var receiver = await ReceiverAsync(stream);
        var batches = await DrainAsync(receiver);

        await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);

        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        Assert.Empty(await DrainAsync(await ReceiverAsync(stream)));
        await RestartAsync();
        Assert.Empty(await DrainAsync(await ReceiverAsync(stream)));
    }

    [Fact]
    public async Task Messages_read_but_not_acknowledged_are_redelivered_in_order_with_the_same_tokens_after_a_restart()
    {
        var stream = Stream("unacked");
        await QueueAsync(stream, 10);
        var receiver = await ReceiverAsync(stream);
        var first = await DrainAsync(receiver);
        await receiver.MessagesDeliveredAsync(first.Take(4).ToList(), CancellationToken.None);

        await RestartAsync();
        var again = await DrainAsync(await ReceiverAsync(stream));

        Assert.Equal(first.Skip(4).SelectMany(Events), again.SelectMany(Events));
        Assert.Equal(first.Skip(4).Select(b => b.SequenceToken), again.Select(b => b.SequenceToken));
    }

    [Fact]
    public async Task A_new_receiver_of_a_queue_gets_what_the_previous_one_left_unacknowledged()
    {
        // The queue moving to another silo: the old receiver shut down without acknowledging its last read.
        var stream = Stream("handover");
        await QueueAsync(stream, 6);
        var old = await ReceiverAsync(stream);
        var read = await DrainAsync(old);
        await old.MessagesDeliveredAsync(read.Take(2).ToList(), CancellationToken.None);
        await old.Shutdown(TimeSpan.FromSeconds(5));

        var next = await DrainAsync(await ReceiverAsync(stream));

        Assert.Equal(["e2", "e3", "e4", "e5"], next.SelectMany(Events));
        Assert.Empty(await old.GetQueueMessagesAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_is_read_from_a_receiver_after_its_shutdown()
    {
        var stream = Stream("shutdown");
        var receiver = await ReceiverAsync(stream);
        await receiver.Shutdown(TimeSpan.FromSeconds(5));
        await QueueAsync(stream, 3);

        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
    }

    [Fact]
    public async Task A_message_is_durable_once_queueing_it_returned()
    {
        var stream = Stream("durable");
        await Adapter.QueueMessageAsync(stream, "kept", null, null);

        // No read, no acknowledgement: the provider closes right after the call returned, as a killed silo would.
        await RestartAsync();

        Assert.Equal(["kept"], (await DrainAsync(await ReceiverAsync(stream))).SelectMany(Events));
    }

    [Fact]
    public async Task Queues_are_independent_for_reading_and_acknowledging()
    {
        var (a, b) = StreamsInTwoQueues();
        await QueueAsync(a, 5, "a");
        await QueueAsync(b, 7, "b");
        var receiverA = await ReceiverAsync(a);
        var receiverB = await ReceiverAsync(b);

        var fromA = await DrainAsync(receiverA);
        await receiverA.MessagesDeliveredAsync(fromA, CancellationToken.None);
        var fromB = await DrainAsync(receiverB);

        Assert.All(fromA, batch => Assert.Equal(a, batch.StreamId));
        Assert.Equal(5, fromA.Count);
        Assert.All(fromB, batch => Assert.Equal(b, batch.StreamId));
        Assert.Equal(7, fromB.Count);
        await RestartAsync();
        Assert.Empty(await DrainAsync(await ReceiverAsync(a)));
        Assert.Equal(7, (await DrainAsync(await ReceiverAsync(b))).Count);
    }

    [Fact]
    public async Task Streams_sharing_a_queue_keep_their_own_order()
    {
        var (first, second) = StreamsInOneQueue();
        for (var i = 0; i < 20; i++)
        {
            await Adapter.QueueMessageAsync(i % 2 == 0 ? first : second, $"e{i}", null, null);
        }

        var batches = await DrainAsync(await ReceiverAsync(first));

        Assert.Equal(Enumerable.Range(0, 20).Where(i => i % 2 == 0).Select(i => $"e{i}"), batches.Where(b => b.StreamId == first).SelectMany(Events));
        Assert.Equal(Enumerable.Range(0, 20).Where(i => i % 2 == 1).Select(i => $"e{i}"), batches.Where(b => b.StreamId == second).SelectMany(Events));
    }

    [Fact]
    public async Task A_large_message_round_trips_and_one_over_the_limit_is_refused_and_stores_nothing()
    {
        var stream = Stream("large");
        var large = new string('x', Settings.MaxMessageBytes / 2);
        await Adapter.QueueMessageAsync(stream, large, null, null);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Adapter.QueueMessageAsync(stream, new string('y', Settings.MaxMessageBytes + 1), null, null));

        Assert.Contains("MaxMessageBytes", refused.Message, StringComparison.Ordinal);
        var batch = Assert.Single(await DrainAsync(await ReceiverAsync(stream)));
        Assert.Equal(large, Assert.Single(Events(batch)));
    }

    [Fact]
    public async Task A_producer_supplied_token_or_an_empty_batch_is_refused_and_stores_nothing()
    {
        var stream = Stream("refused");

        await Assert.ThrowsAsync<ArgumentException>(() => Adapter.QueueMessageAsync(stream, "x", new Orleans.Providers.Streams.Common.EventSequenceTokenV2(5), null));
        await Assert.ThrowsAsync<ArgumentException>(() => Adapter.QueueMessageBatchAsync(stream, Array.Empty<string>(), null, null));

        Assert.Empty(await DrainAsync(await ReceiverAsync(stream)));
    }

    [Fact]
    public async Task The_request_context_travels_with_the_message()
    {
        var stream = Stream("context");
        await Adapter.QueueMessageAsync(stream, "x", null, new Dictionary<string, object> { ["campaign"] = "spring" });
        await Adapter.QueueMessageAsync(stream, "y", null, null);

        var batches = await DrainAsync(await ReceiverAsync(stream));

        RequestContext.Clear();
        Assert.True(batches[0].ImportRequestContext());
        Assert.Equal("spring", RequestContext.Get("campaign"));
        RequestContext.Clear();
        Assert.False(batches[1].ImportRequestContext());
    }

    [Fact]
    public async Task Concurrent_producers_lose_nothing_duplicate_nothing_and_keep_each_streams_order()
    {
        const int producers = 16;
        const int perProducer = 40;
        var streams = Enumerable.Range(0, producers).Select(p => Stream($"producer-{p}")).ToList();

        await Task.WhenAll(streams.Select(stream => Task.Run(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                await Adapter.QueueMessageAsync(stream, $"{stream.GetKeyAsString()}/{i}", null, null);
            }
        })));

        var all = new List<IBatchContainer>();
        foreach (var queue in Mapper.GetAllQueues())
        {
            all.AddRange(await DrainAsync(await ReceiverAsync(queue)));
        }
        Assert.Equal(producers * perProducer, all.Count);
        foreach (var stream in streams)
        {
            var expected = Enumerable.Range(0, perProducer).Select(i => $"{stream.GetKeyAsString()}/{i}");
            Assert.Equal(expected, all.Where(b => b.StreamId == stream).SelectMany(Events));
        }
        Assert.Equal(all.Count, all.Select(b => b.SequenceToken).Distinct().Count());
    }

    [Fact]
    public async Task Another_provider_in_the_same_store_has_its_own_queues()
    {
        var otherFactory = OpenOther();
        var other = await otherFactory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create(Namespace, "shared-name");

        await Adapter.QueueMessageAsync(stream, "for kit", null, null);
        await other.QueueMessageAsync(stream, "for other", null, null);

        var fromKit = await DrainAsync(await ReceiverAsync(stream));
        var fromOther = await DrainAsync(other.CreateReceiver(otherFactory.GetStreamQueueMapper().GetQueueForStream(stream)));
        Assert.Equal(["for kit"], fromKit.SelectMany(Events));
        Assert.Equal(["for other"], fromOther.SelectMany(Events));
    }

    [Fact]
    public async Task A_row_that_cannot_be_decoded_is_skipped_without_stalling_its_queue_and_stays_in_the_table()
    {
        // Tried: a row of garbage ahead of a good event in the same queue. Must hold: the good event is delivered,
        // and the garbage is neither retried forever nor deleted (an operator may want it).
        var stream = Stream("garbled");
        await InsertUndecodableRowAsync(Mapper.GetQueueForStream(stream), stream, [0xde, 0xad, 0xbe, 0xef]);
        await Adapter.QueueMessageAsync(stream, "after the garbage", null, null);

        var receiver = await ReceiverAsync(stream);
        var batches = await DrainAsync(receiver);
        await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);

        Assert.Equal(["after the garbage"], batches.SelectMany(Events));
        Assert.Equal(1, await RowCountAsync());
    }

    protected async Task RestartAsync()
    {
        await CloseAsync();
        await OpenProviderAsync();
    }

    private async Task OpenProviderAsync()
    {
        _factory = await OpenAsync(Settings);
        _adapter = await _factory.CreateAdapter(CancellationToken.None);
    }

    /// <summary>Queues the events one call each, so each is its own message and can be acknowledged on its own.</summary>
    private async Task QueueAsync(StreamId stream, int count, string prefix = "e")
    {
        for (var i = 0; i < count; i++)
        {
            await Adapter.QueueMessageAsync(stream, $"{prefix}{i}", null, null);
        }
    }

    private Task<IQueueAdapterReceiver> ReceiverAsync(StreamId stream) => ReceiverAsync(Mapper.GetQueueForStream(stream));

    private async Task<IQueueAdapterReceiver> ReceiverAsync(QueueId queue)
    {
        var receiver = Adapter.CreateReceiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        return receiver;
    }

    /// <summary>Reads until a read comes back empty. Every queued message was committed before, so an empty read means "all read".</summary>
    private static async Task<List<IBatchContainer>> DrainAsync(IQueueAdapterReceiver receiver)
    {
        var all = new List<IBatchContainer>();
        while (true)
        {
            var batch = await receiver.GetQueueMessagesAsync(1000, CancellationToken.None);
            if (batch.Count == 0)
            {
                return all;
            }
            all.AddRange(batch);
        }
    }

    private static IEnumerable<string> Events(IBatchContainer batch) => batch.GetEvents<string>().Select(e => e.Item1);

    private static void AssertIncreasing(IReadOnlyList<StreamSequenceToken> tokens)
    {
        for (var i = 1; i < tokens.Count; i++)
        {
            Assert.True(tokens[i].Newer(tokens[i - 1]), $"token {tokens[i]} is not newer than {tokens[i - 1]}");
        }
    }

    private static StreamId Stream(string key) => StreamId.Create(Namespace, $"{key}-{Guid.NewGuid():N}");

    private (StreamId, StreamId) StreamsInTwoQueues()
    {
        var first = Stream("a");
        var queue = Mapper.GetQueueForStream(first);
        while (true)
        {
            var other = Stream("b");
            if (!Mapper.GetQueueForStream(other).Equals(queue))
            {
                return (first, other);
            }
        }
    }

    private (StreamId, StreamId) StreamsInOneQueue()
    {
        var first = Stream("a");
        var queue = Mapper.GetQueueForStream(first);
        while (true)
        {
            var other = Stream("b");
            if (Mapper.GetQueueForStream(other).Equals(queue))
            {
                return (first, other);
            }
        }
    }
}
