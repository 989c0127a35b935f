using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage.Streams;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// The parts Orleans' persistent-stream machinery asks a provider for. The choices:
/// <list type="bullet">
/// <item>Queue mapper: Orleans' hash ring over <see cref="PostgresStreamOptions.QueueCount"/> queues. A stream always
/// hashes to the same queue, which keeps its order; the queue balancer spreads the queues' pulling agents over the
/// silos of the cluster, and moves a queue's agent when its silo leaves.</item>
/// <item>Cache: Orleans' simple queue cache. It hands a batch back (for <c>MessagesDeliveredAsync</c>) only once every
/// consumer's cursor has moved past it, i.e. after delivery, which is the moment a row may be deleted.</item>
/// <item>Failure handler: logs and keeps the subscription (see <see cref="PostgresStreamFailureHandler"/>).</item>
/// </list>
/// </summary>
internal sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly PostgresStreamOptions _options;
    private readonly PostgresStreamQueueStore _store;
    private readonly Serializer<PostgresStreamMessageBody> _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;

    public PostgresQueueAdapterFactory(string name, PostgresStreamOptions options, PostgresStreamQueueStore store, Serializer<PostgresStreamMessageBody> serializer, ILoggerFactory loggerFactory)
    {
        _name = name;
        _options = options;
        _store = store;
        _serializer = serializer;
        _loggerFactory = loggerFactory;
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
    }

    /// <summary>The entry point <c>AddPersistentStreams</c> calls, once per provider name.</summary>
    public static IQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        var database = services.GetService<PostgresDatabase>() ?? throw new InvalidOperationException(
            $"The PostgreSQL stream provider '{name}' keeps its queues in the cluster's PostgreSQL database, which is not registered: call AddPostgresStorage (or AddPostgresRecordStores) before AddPostgresStreams.");
        var options = services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name);
        var store = new PostgresStreamQueueStore(database, services.GetService<TimeProvider>() ?? TimeProvider.System, name, options.EnqueueBatchesInFlight);
        return new PostgresQueueAdapterFactory(name, options, store, services.GetRequiredService<Serializer<PostgresStreamMessageBody>>(), services.GetRequiredService<ILoggerFactory>());
    }

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new PostgresQueueAdapter(_name, _options, _mapper, _store, _serializer, _loggerFactory.CreateLogger<PostgresQueueAdapterReceiver>()));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KeepQueuedStreamFailureHandler(_loggerFactory.CreateLogger<KeepQueuedStreamFailureHandler>()));
}
