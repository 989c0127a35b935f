using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// Writes a provider's events as queue rows, one row per <c>OnNextBatchAsync</c> call, in the queue the stream
/// hashes to. Not rewindable: a row is gone once every consumer got it, so producers may not pick tokens.
/// </summary>
internal sealed class TableQueueAdapter(
    string name,
    StreamQueueLimits limits,
    IStreamQueueMapper mapper,
    IStreamQueueTable table,
    Serializer<TableQueueMessageBody> serializer,
    ILogger receiverLogger) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new TableQueueAdapterReceiver(name, QueueNumber(queueId), limits, table, serializer, receiverLogger);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException($"The {limits.Kind} stream provider '{name}' assigns sequence tokens itself (from the queue row's position); a producer cannot supply one.", nameof(token));
        }
        var items = events.Cast<object>().ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException($"The {limits.Kind} stream provider '{name}' was given no events for stream {streamId}.", nameof(events));
        }
        var payload = serializer.SerializeToArray(new TableQueueMessageBody(streamId, items, requestContext));
        if (payload.Length > limits.MaxMessageBytes)
        {
            throw new ArgumentException(
                $"The events for stream {streamId} serialise to {payload.Length} bytes, more than the {limits.Kind} stream provider '{name}' accepts (MaxMessageBytes = {limits.MaxMessageBytes}); nothing was queued.",
                nameof(events));
        }
        return table.EnqueueAsync(QueueNumber(mapper.GetQueueForStream(streamId)), streamId.ToString(), payload);
    }

    /// <summary>The mapper numbers its queues 0..QueueCount-1; the row keeps the number, the name carries only the provider.</summary>
    private static int QueueNumber(QueueId queueId) => checked((int)queueId.GetNumericId());
}
