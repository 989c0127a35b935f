using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Sqlite.Streams;

/// <summary>
/// Writes a provider's events as queue rows, one row per <c>OnNextBatchAsync</c> call, in the queue the stream
/// hashes to. Not rewindable: a row is gone once every consumer got it, so producers may not pick tokens.
/// </summary>
internal sealed class SqliteQueueAdapter(
    string name,
    SqliteStreamOptions options,
    IStreamQueueMapper mapper,
    SqliteStreamQueueStore store,
    Serializer<SqliteStreamMessageBody> serializer,
    ILogger receiverLogger) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new SqliteQueueAdapterReceiver(name, QueueNumber(queueId), options, store, serializer, receiverLogger);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException($"The SQLite stream provider '{name}' assigns sequence tokens itself (the queue row's id); a producer cannot supply one.", nameof(token));
        }
        var items = events.Cast<object>().ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException($"The SQLite stream provider '{name}' was given no events for stream {streamId}.", nameof(events));
        }
        var payload = serializer.SerializeToArray(new SqliteStreamMessageBody(streamId, items, requestContext));
        if (payload.Length > options.MaxMessageBytes)
        {
            throw new ArgumentException(
                $"The events for stream {streamId} serialise to {payload.Length} bytes, more than the SQLite stream provider '{name}' accepts (MaxMessageBytes = {options.MaxMessageBytes}); nothing was queued.",
                nameof(events));
        }
        return store.EnqueueAsync(name, QueueNumber(mapper.GetQueueForStream(streamId)), streamId.ToString(), payload, options.WriteLane);
    }

    /// <summary>The mapper numbers its queues 0..QueueCount-1; the row keeps the number, the name carries only the provider.</summary>
    private static int QueueNumber(QueueId queueId) => checked((int)queueId.GetNumericId());
}
