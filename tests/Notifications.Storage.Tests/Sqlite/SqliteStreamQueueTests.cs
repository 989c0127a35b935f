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
    private readonly SqliteTestStore _store = new("sqlite-streams", services => services
        .AddSerializer(serializer => serializer.AddAssembly(typeof(TableQueueBatchContainer).Assembly))
        .AddSqliteStreamQueues(StreamQueueSettings.Kit.Provider, Kit)
        .AddSqliteStreamQueues(OtherProvider, Kit));

    protected override async Task<IQueueAdapterFactory> OpenAsync(StreamQueueSettings settings)
    {
        await _store.OpenAsync();
        return SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, settings.Provider);
    }

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override IQueueAdapterFactory OpenOther() => SqliteStreamsSiloBuilderExtensions.CreateQueueAdapterFactory(_store.Services, OtherProvider);

    protected override Task InsertUndecodableRowAsync(QueueId queue, StreamId stream, byte[] payload) =>
        _store.Services.GetRequiredService<SqliteDatabase>().WriteAsync(session => session.Raw("INSERT INTO stream_messages (provider, queue, stream_id, payload, enqueued_at) VALUES (?1, ?2, ?3, ?4, 0)")
            .Bind(1, StreamQueueSettings.Kit.Provider).Bind(2, (long)queue.GetNumericId()).Bind(3, stream.ToString()).BindBlob(4, payload).Execute(), CancellationToken.None);

    protected override Task<long> RowCountAsync() =>
        _store.Services.GetRequiredService<SqliteDatabase>().ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM stream_messages";
            return (long)command.ExecuteScalar()!;
        }, CancellationToken.None);

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
