using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage.Streams;
using Notifications.Storage.Postgres;
using Notifications.Storage.Postgres.Streams;
using Notifications.Storage.Tests.Streams;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>The stream-queue kit on PostgreSQL, a fresh database per test, the factory made as <c>AddPostgresStreams</c> makes it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStreamQueueTests(PostgresFixture fixture) : StreamQueueConformance
{
    private readonly PostgresTestStore _store = new(fixture, services => services
        .AddSerializer(serializer => serializer.AddAssembly(typeof(TableQueueBatchContainer).Assembly))
        .AddPostgresStreamQueues(StreamQueueSettings.Kit.Provider, Kit)
        .AddPostgresStreamQueues(OtherProvider, Kit));

    protected override async Task<IQueueAdapterFactory> OpenAsync(StreamQueueSettings settings)
    {
        await _store.OpenAsync();
        return PostgresStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, settings.Provider);
    }

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override IQueueAdapterFactory OpenOther() => PostgresStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, OtherProvider);

    protected override async Task InsertUndecodableRowAsync(QueueId queue, StreamId stream, byte[] payload)
    {
        await using var garbage = _store.Services.GetRequiredService<PostgresDatabase>().Command("""
            WITH taken AS (
                INSERT INTO stream_queues (provider, queue, last_seq) VALUES (@provider, @queue, 1)
                ON CONFLICT (provider, queue) DO UPDATE SET last_seq = stream_queues.last_seq + 1 RETURNING last_seq)
            INSERT INTO stream_messages (provider, queue, seq, stream_id, payload, enqueued_at)
            SELECT @provider, @queue, last_seq, @stream, @payload, 0 FROM taken
            """).With("provider", StreamQueueSettings.Kit.Provider).With("queue", (int)queue.GetNumericId()).With("stream", stream.ToString()).With("payload", payload);
        await garbage.ExecuteNonQueryAsync();
    }

    protected override async Task<long> RowCountAsync()
    {
        await using var count = _store.Services.GetRequiredService<PostgresDatabase>().Command("SELECT COUNT(*) FROM stream_messages");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_publish_that_commits_late_is_not_skipped_by_a_receiver_and_keeps_its_place_in_the_queue()
    {
        // Another silo's publish has taken the queue's next number but not committed yet. A later publish into the
        // same queue must not become readable first: a receiver would read past the earlier number and never see it.
        var factory = PostgresStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, StreamQueueSettings.Kit.Provider);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("kit", $"late-{Guid.NewGuid():N}");
        var queue = factory.GetStreamQueueMapper().GetQueueForStream(stream);
        await adapter.QueueMessageAsync(stream, "first", null, null);
        var receiver = adapter.CreateReceiver(queue);
        var database = _store.Services.GetRequiredService<PostgresDatabase>();
        var payload = _store.Services.GetRequiredService<Serializer<TableQueueMessageBody>>().SerializeToArray(new TableQueueMessageBody(stream, ["late"], null));

        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var otherSilo = await connection.BeginTransactionAsync();
        await using (var publish = new Npgsql.NpgsqlCommand("""
            WITH taken AS (
                UPDATE stream_queues SET last_seq = last_seq + 1 WHERE provider = @provider AND queue = @queue RETURNING last_seq)
            INSERT INTO stream_messages (provider, queue, seq, stream_id, payload, enqueued_at)
            SELECT @provider, @queue, last_seq, @stream, @payload, 0 FROM taken
            """, connection, otherSilo))
        {
            publish.With("provider", StreamQueueSettings.Kit.Provider).With("queue", (int)queue.GetNumericId()).With("stream", stream.ToString()).With("payload", payload);
            Assert.Equal(1, await publish.ExecuteNonQueryAsync());
        }
        var next = adapter.QueueMessageAsync(stream, "next", null, null);
        var whileOpen = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await otherSilo.CommitAsync();
        await next;
        var afterCommit = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Equal(["first"], whileOpen.SelectMany(b => b.GetEvents<string>()).Select(e => e.Item1));
        Assert.Equal(["late", "next"], afterCommit.SelectMany(b => b.GetEvents<string>()).Select(e => e.Item1));
    }

    [Theory]
    [InlineData(nameof(PostgresStreamOptions.QueueCount), 0, "QueueCount must be between 1 and 1024 (was 0)")]
    [InlineData(nameof(PostgresStreamOptions.BatchSize), 0, "BatchSize must be between 1 and 10000 (was 0)")]
    [InlineData(nameof(PostgresStreamOptions.CacheSize), 100, "CacheSize must be at least 10 x BatchSize (2560) and at most 1000000 (was 100)")]
    [InlineData(nameof(PostgresStreamOptions.MaxMessageBytes), 10, "MaxMessageBytes must be between 1024 and 67108864 (was 10)")]
    [InlineData(nameof(PostgresStreamOptions.EnqueueBatchesInFlight), 0, "EnqueueBatchesInFlight must be between 1 and 16 (was 0)")]
    public void A_bad_option_is_refused_with_a_message_naming_the_provider_the_setting_and_the_value(string setting, int value, string message)
    {
        var options = new PostgresStreamOptions();
        typeof(PostgresStreamOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new PostgresStreamOptionsValidator().Validate("campaigns", options);

        Assert.True(result.Failed);
        Assert.Equal($"PostgreSQL stream provider 'campaigns': {message}.", Assert.Single(result.Failures!));
        Assert.True(new PostgresStreamOptionsValidator().Validate("campaigns", new PostgresStreamOptions()).Succeeded);
    }

    [Fact]
    public void Resolving_a_badly_configured_provider_fails_with_the_validators_message()
    {
        using var services = new ServiceCollection().AddPostgresStreamQueues("bad", options => options.QueueCount = 0).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get("bad"));

        Assert.Contains("QueueCount must be between 1 and 1024 (was 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_without_the_postgres_database_fails_with_a_message_saying_what_to_register()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(TableQueueBatchContainer).Assembly))
            .AddPostgresStreamQueues("lonely", configure: null)
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => PostgresStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(services, "lonely"));

        Assert.Contains("call AddPostgresStorage (or AddPostgresRecordStores) before AddPostgresStreams", error.Message, StringComparison.Ordinal);
    }

    private static void Kit(PostgresStreamOptions options)
    {
        options.QueueCount = StreamQueueSettings.Kit.QueueCount;
        options.BatchSize = StreamQueueSettings.Kit.BatchSize;
        options.MaxMessageBytes = StreamQueueSettings.Kit.MaxMessageBytes;
    }
}
