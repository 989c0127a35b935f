using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// One queue row as Orleans delivers it. Positions count per queue, so two queues can have rows at the same position;
/// the token is <c>position × MaxQueueCount + queue</c>, which keeps it increasing within a queue and makes it unique
/// across the provider's queues, so consumers can tell a redelivered event from a new one. Each event of the row gets
/// the token and its index. Serialisable because the pulling agent hands it to consumers on other silos.
/// </summary>
[GenerateSerializer]
[Alias("notifications.table-queue-batch")]
internal sealed class TableQueueBatchContainer(TableQueueMessageBody body, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)]
    public TableQueueMessageBody Body { get; } = body;

    [Id(1)]
    public EventSequenceTokenV2 Token { get; } = token;

    /// <summary>The row's position in its queue; its acknowledgement deletes that row.</summary>
    public long Position => Token.SequenceNumber / StreamQueueLimits.MaxQueueCount;

    public StreamId StreamId => Body.StreamId;

    public StreamSequenceToken SequenceToken => Token;

    public static EventSequenceTokenV2 TokenFor(int queue, long position) => new(checked(position * StreamQueueLimits.MaxQueueCount + queue));

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Body.Events
            .Select((item, index) => (item, index))
            .Where(pair => pair.item is T)
            .Select(pair => Tuple.Create((T)pair.item, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(pair.index)));

    public bool ImportRequestContext()
    {
        if (Body.RequestContext is null)
        {
            return false;
        }
        RequestContextExtensions.Import(Body.RequestContext);
        return true;
    }

    public override string ToString() => $"[TableQueueBatchContainer stream={StreamId} position={Position} events={Body.Events.Count}]";
}
