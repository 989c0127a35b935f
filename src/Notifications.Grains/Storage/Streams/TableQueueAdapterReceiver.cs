using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// Reads one queue for the pulling agent that owns it, on whichever silo that is. A new receiver starts at the
/// queue's oldest row, so whatever an earlier receiver (a silo that stopped, was killed or handed the queue over)
/// read but never acknowledged is delivered again: at least once. Rows are read in position order, a bounded batch
/// at a time, and each is deleted only when Orleans reports it delivered to every consumer.
/// </summary>
internal sealed partial class TableQueueAdapterReceiver(
    string provider,
    int queue,
    StreamQueueLimits limits,
    IStreamQueueTable table,
    Serializer<TableQueueMessageBody> serializer,
    ILogger logger) : IQueueAdapterReceiver
{
    /// <summary>
    /// The newest row handed to the agent; the next read continues after it. Safe as a high-water mark because a
    /// queue's rows become readable in the order of their positions (see <see cref="IStreamQueueTable"/>).
    /// </summary>
    private long _lastReadPosition;
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
        var limit = maxCount < 0 ? limits.BatchSize : Math.Min(maxCount, limits.BatchSize);
        if (limit == 0)
        {
            return [];
        }
        var rows = await table.ReadAsync(queue, _lastReadPosition, limit, cancellationToken).ConfigureAwait(false);
        var batches = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            _lastReadPosition = row.Position;
            if (TryDecode(row, out var body))
            {
                batches.Add(new TableQueueBatchContainer(body, TableQueueBatchContainer.TokenFor(queue, row.Position)));
            }
        }
        return batches;
    }

    /// <summary>
    /// A row this silo cannot decode (an event type it does not know) is skipped, not retried forever: it would
    /// stall the whole queue. It stays in the table for an operator, and is read again by the next receiver.
    /// </summary>
    private bool TryDecode(QueuedStreamMessage row, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TableQueueMessageBody? body)
    {
        try
        {
            body = serializer.Deserialize(row.Payload) ?? throw new InvalidDataException("The row holds no message.");
            return true;
        }
        catch (Exception exception)
        {
            LogUndecodableRow(logger, exception, provider, queue, row.Position);
            body = null;
            return false;
        }
    }

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var positions = messages.OfType<TableQueueBatchContainer>().Select(message => message.Position).ToList();
        return positions.Count == 0 ? Task.CompletedTask : table.DeleteAsync(queue, positions);
    }

    /// <summary>Unacknowledged rows stay in the table for the queue's next receiver.</summary>
    public Task Shutdown(TimeSpan timeout)
    {
        _shutDown = true;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}, queue {Queue}: the row at {Position} cannot be decoded and is skipped; it stays in stream_messages.")]
    private static partial void LogUndecodableRow(ILogger logger, Exception exception, string provider, int queue, long position);
}
