using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// Writes a provider's events as queue rows, one row per <c>OnNextBatchAsync</c> call, in the queue the stream
/// hashes to. Not rewindable: a row is gone once every consumer got it, so producers may not pick tokens.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    PostgresStreamOptions options,
    IStreamQueueMapper mapper,
    PostgresStreamQueueStore store,
    Serializer<PostgresStreamMessageBody> serializer,
    ILogger receiverLogger) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new PostgresQueueAdapterReceiver(name, QueueNumber(queueId), options, store, serializer, receiverLogger);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException($"The PostgreSQL stream provider '{name}' assigns sequence tokens itself (from the queue row's number); a producer cannot supply one.", nameof(token));
        }
        var items = events.Cast<object>().ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException($"The PostgreSQL stream provider '{name}' was given no events for stream {streamId}.", nameof(events));
        }
        var payload = serializer.SerializeToArray(new PostgresStreamMessageBody(streamId, items, requestContext));
        if (payload.Length > options.MaxMessageBytes)
        {
            throw new ArgumentException(
                $"The events for stream {streamId} serialise to {payload.Length} bytes, more than the PostgreSQL stream provider '{name}' accepts (MaxMessageBytes = {options.MaxMessageBytes}); nothing was queued.",
                nameof(events));
        }
        return store.EnqueueAsync(QueueNumber(mapper.GetQueueForStream(streamId)), streamId.ToString(), payload);
    }

    /// <summary>The mapper numbers its queues 0..QueueCount-1; the row keeps the number, the name carries only the provider.</summary>
    private static int QueueNumber(QueueId queueId) => checked((int)queueId.GetNumericId());
}
