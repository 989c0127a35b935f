using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// Reads one queue for the pulling agent that owns it, on whichever silo that is. A new receiver starts at the
/// queue's oldest row, so whatever an earlier receiver (a silo that stopped, was killed or handed the queue over)
/// read but never acknowledged is delivered again: at least once. Rows are read in their queue's order, a bounded
/// batch at a time, and each is deleted only when Orleans reports it delivered to every consumer.
/// </summary>
internal sealed partial class PostgresQueueAdapterReceiver(
    string provider,
    int queue,
    PostgresStreamOptions options,
    PostgresStreamQueueStore store,
    Serializer<PostgresStreamMessageBody> serializer,
    ILogger logger) : IQueueAdapterReceiver
{
    /// <summary>
    /// The newest row handed to the agent; the next read continues after it. Safe as a high-water mark because a
    /// queue's rows become visible in the order of their numbers (see <see cref="PostgresStreamQueueStore"/>).
    /// </summary>
    private long _lastReadSeq;
    private volatile bool _shutDown;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (_shutDown)
        {
            return [];
        }
        // A negative count is Orleans' "no limit"; the batch size bounds the read all the same.
        var limit = maxCount < 0 ? options.BatchSize : Math.Min(maxCount, options.BatchSize);
        if (limit == 0)
        {
            return [];
        }
        var rows = await store.ReadAsync(queue, _lastReadSeq, limit, cancellationToken).ConfigureAwait(false);
        var batches = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            _lastReadSeq = row.Seq;
            if (TryDecode(row, out var body))
            {
                batches.Add(new PostgresBatchContainer(body, PostgresBatchContainer.TokenFor(queue, row.Seq)));
            }
        }
        return batches;
    }

    /// <summary>
    /// A row this silo cannot decode (an event type it does not know) is skipped, not retried forever: it would
    /// stall the whole queue. It stays in the table for an operator, and is read again by the next receiver.
    /// </summary>
    private bool TryDecode(StoredStreamMessage row, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PostgresStreamMessageBody? body)
    {
        try
        {
            body = serializer.Deserialize(row.Payload) ?? throw new InvalidDataException("The row holds no message.");
            return true;
        }
        catch (Exception exception)
        {
            LogUndecodableRow(logger, exception, provider, queue, row.Seq);
            body = null;
            return false;
        }
    }

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var seqs = messages.OfType<PostgresBatchContainer>().Select(message => message.Seq).ToArray();
        return seqs.Length == 0 ? Task.CompletedTask : store.DeleteAsync(queue, seqs);
    }

    /// <summary>Unacknowledged rows stay in the table for the queue's next receiver.</summary>
    public Task Shutdown(TimeSpan timeout)
    {
        _shutDown = true;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}, queue {Queue}: row {Seq} cannot be decoded and is skipped; it stays in stream_messages.")]
    private static partial void LogUndecodableRow(ILogger logger, Exception exception, string provider, int queue, long seq);
}
