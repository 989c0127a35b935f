using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// The parts Orleans' persistent-stream machinery asks a table-backed provider for. The choices:
/// <list type="bullet">
/// <item>Queue mapper: Orleans' hash ring over <see cref="StreamQueueLimits.QueueCount"/> queues. A stream always
/// hashes to the same queue, which keeps its order; the queue balancer spreads the queues' pulling agents over the
/// silos, and moves a queue's agent when its silo leaves.</item>
/// <item>Cache: Orleans' simple queue cache. It hands a batch back (for <c>MessagesDeliveredAsync</c>) only once every
/// consumer's cursor has moved past it, i.e. after delivery, which is the moment a row may be deleted. The pooled
/// cache evicts by age instead and suits checkpointed logs (Event Hubs), not a queue that deletes.</item>
/// <item>Failure handler: logs and keeps the subscription (see <see cref="KeepQueuedStreamFailureHandler"/>).</item>
/// </list>
/// </summary>
public sealed class TableQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly StreamQueueLimits _limits;
    private readonly IStreamQueueTable _table;
    private readonly Serializer<TableQueueMessageBody> _serializer;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly SimpleQueueAdapterCache _cache;

    /// <summary>A provider named <paramref name="name"/> over <paramref name="table"/>; the silo's serializer and loggers come from <paramref name="services"/>.</summary>
    public TableQueueAdapterFactory(string name, StreamQueueLimits limits, IStreamQueueTable table, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _name = name;
        _limits = limits;
        _table = table;
        _serializer = services.GetRequiredService<Serializer<TableQueueMessageBody>>();
        _loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = limits.QueueCount }, name);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = limits.CacheSize }, name, _loggerFactory);
    }

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new TableQueueAdapter(_name, _limits, _mapper, _table, _serializer, _loggerFactory.CreateLogger<TableQueueAdapterReceiver>()));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KeepQueuedStreamFailureHandler(_loggerFactory.CreateLogger<KeepQueuedStreamFailureHandler>()));
}
