using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage.Streams;
using Notifications.Storage.Sqlite;
using Notifications.Storage.Sqlite.Streams;
using Notifications.Storage.Tests.Streams;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>The stream-queue kit on SQLite, a fresh file per test, the factory made as <c>AddSqliteStreams</c> makes it.</summary>
public sealed class SqliteStreamQueueTests : StreamQueueConformance, IDisposable
{
    private const string Other = "other-streams";

    private readonly SqliteTestStore _store = new("sqlite-streams", services => services
        .AddSerializer(serializer => serializer.AddAssembly(typeof(TableQueueBatchContainer).Assembly))
        .AddSqliteStreamQueues(StreamQueueSettings.Kit.Provider, Kit)
        .AddSqliteStreamQueues(Other, Kit));

    protected override async Task<IQueueAdapterFactory> OpenAsync(StreamQueueSettings settings)
    {
        await _store.OpenAsync();
        return SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, settings.Provider);
    }

    protected override Task CloseAsync() => _store.CloseAsync();

    [Fact]
    public async Task Another_provider_in_the_same_file_has_its_own_queues()
    {
        var kitFactory = SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, StreamQueueSettings.Kit.Provider);
        var otherFactory = SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, Other);
        var kit = await kitFactory.CreateAdapter(CancellationToken.None);
        var other = await otherFactory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("kit", "shared-name");

        await kit.QueueMessageAsync(stream, "for kit", null, null);
        await other.QueueMessageAsync(stream, "for other", null, null);

        var fromKit = await kit.CreateReceiver(kitFactory.GetStreamQueueMapper().GetQueueForStream(stream)).GetQueueMessagesAsync(100, CancellationToken.None);
        var fromOther = await other.CreateReceiver(otherFactory.GetStreamQueueMapper().GetQueueForStream(stream)).GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(["for kit"], fromKit.SelectMany(b => b.GetEvents<string>()).Select(e => e.Item1));
        Assert.Equal(["for other"], fromOther.SelectMany(b => b.GetEvents<string>()).Select(e => e.Item1));
    }

    [Fact]
    public async Task A_row_that_cannot_be_decoded_is_skipped_without_stalling_its_queue_and_stays_in_the_table()
    {
        var services = _store.Services;
        var factory = SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(services, StreamQueueSettings.Kit.Provider);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("kit", $"garbled-{Guid.NewGuid():N}");
        var queue = factory.GetStreamQueueMapper().GetQueueForStream(stream);
        var database = services.GetRequiredService<SqliteDatabase>();
        await database.WriteAsync(session => session.Raw("INSERT INTO stream_messages (provider, queue, stream_id, payload, enqueued_at) VALUES (?1, ?2, ?3, ?4, 0)")
            .Bind(1, StreamQueueSettings.Kit.Provider).Bind(2, (long)queue.GetNumericId()).Bind(3, stream.ToString()).BindBlob(4, [0xde, 0xad, 0xbe, 0xef]).Execute(), CancellationToken.None);
        await adapter.QueueMessageAsync(stream, "after the garbage", null, null);

        var receiver = adapter.CreateReceiver(queue);
        var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);

        Assert.Equal(["after the garbage"], batches.SelectMany(b => b.GetEvents<string>()).Select(e => e.Item1));
        var left = await database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM stream_messages";
            return (long)command.ExecuteScalar()!;
        }, CancellationToken.None);
        Assert.Equal(1, left);
    }

    [Theory]
    [InlineData(nameof(SqliteStreamOptions.QueueCount), 0, "QueueCount must be between 1 and 1024 (was 0)")]
    [InlineData(nameof(SqliteStreamOptions.BatchSize), 0, "BatchSize must be between 1 and 10000 (was 0)")]
    [InlineData(nameof(SqliteStreamOptions.CacheSize), 100, "CacheSize must be at least 10 x BatchSize (2560) and at most 1000000 (was 100)")]
    [InlineData(nameof(SqliteStreamOptions.MaxMessageBytes), 10, "MaxMessageBytes must be between 1024 and 268435456 (was 10)")]
    [InlineData(nameof(SqliteStreamOptions.WriteLane), 9, "WriteLane must be one of Critical, High, Normal, Bulk (was 9)")]
    public void A_bad_option_is_refused_with_a_message_naming_the_provider_the_setting_and_the_value(string setting, int value, string message)
    {
        var options = new SqliteStreamOptions();
        typeof(SqliteStreamOptions).GetProperty(setting)!.SetValue(options, setting == nameof(SqliteStreamOptions.WriteLane) ? (Priority)value : value);

        var result = new SqliteStreamOptionsValidator().Validate("campaigns", options);

        Assert.True(result.Failed);
        Assert.Equal($"SQLite stream provider 'campaigns': {message}.", Assert.Single(result.Failures!));
        Assert.True(new SqliteStreamOptionsValidator().Validate("campaigns", new SqliteStreamOptions()).Succeeded);
    }

    [Fact]
    public void Resolving_a_badly_configured_provider_fails_with_the_validators_message()
    {
        var services = new ServiceCollection().AddSqliteStreamQueues("bad", options => options.QueueCount = 0).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<SqliteStreamOptions>>().Get("bad"));

        Assert.Contains("QueueCount must be between 1 and 1024 (was 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_without_the_sqlite_database_fails_with_a_message_saying_what_to_register()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(TableQueueBatchContainer).Assembly))
            .AddSqliteStreamQueues("lonely", configure: null)
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(services, "lonely"));

        Assert.Contains("call AddSqliteStorage (or AddSqliteRecordStores) before AddSqliteStreams", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _store.Dispose();

    private static void Kit(SqliteStreamOptions options)
    {
        options.QueueCount = StreamQueueSettings.Kit.QueueCount;
        options.BatchSize = StreamQueueSettings.Kit.BatchSize;
        options.MaxMessageBytes = StreamQueueSettings.Kit.MaxMessageBytes;
    }
}
