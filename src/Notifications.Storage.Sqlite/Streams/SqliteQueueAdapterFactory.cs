using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage.Streams;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Sqlite.Streams;

/// <summary>
/// The parts Orleans' persistent-stream machinery asks a provider for. The choices:
/// <list type="bullet">
/// <item>Queue mapper: Orleans' hash ring over <see cref="SqliteStreamOptions.QueueCount"/> queues. A stream always
/// hashes to the same queue, which keeps its order; the queue balancer spreads the queues' pulling agents over the silos.</item>
/// <item>Cache: Orleans' simple queue cache. It hands a batch back (for <c>MessagesDeliveredAsync</c>) only once every
/// consumer's cursor has moved past it, i.e. after delivery, which is the moment a row may be deleted. The pooled
/// cache evicts by age instead and suits checkpointed logs (Event Hubs), not a queue that deletes.</item>
/// <item>Failure handler: logs and keeps the subscription (see <see cref="SqliteStreamFailureHandler"/>).</item>
/// </list>
/// </summary>
internal sealed class SqliteQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly SqliteStreamOptions _options;
    private readonly SqliteStreamQueueStore _store;
    private readonly Serializer<SqliteStreamMessageBody> _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;

    public SqliteQueueAdapterFactory(string name, SqliteStreamOptions options, SqliteStreamQueueStore store, Serializer<SqliteStreamMessageBody> serializer, ILoggerFactory loggerFactory)
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
    public static IQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new SqliteQueueAdapterFactory(
            name,
            services.GetRequiredService<IOptionsMonitor<SqliteStreamOptions>>().Get(name),
            services.GetRequiredService<SqliteStreamQueueStore>(),
            services.GetRequiredService<Serializer<SqliteStreamMessageBody>>(),
            services.GetRequiredService<ILoggerFactory>());

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new SqliteQueueAdapter(_name, _options, _mapper, _store, _serializer, _loggerFactory.CreateLogger<SqliteQueueAdapterReceiver>()));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KeepQueuedStreamFailureHandler(_loggerFactory.CreateLogger<KeepQueuedStreamFailureHandler>()));
}
