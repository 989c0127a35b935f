namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// The port of a durable stream provider whose queues are rows of a table (SQLite's file, PostgreSQL's database): one
/// provider's queues. Each queue numbers its rows in increasing <em>positions</em> that are never reused, and a row
/// becomes readable only once every row of its queue with a lower position is.
/// </summary>
public interface IStreamQueueTable
{
    /// <summary>Durable when the returned task completes: the row has committed.</summary>
    Task EnqueueAsync(int queue, string streamId, byte[] payload);

    /// <summary>The queue's oldest rows above <paramref name="afterPosition"/>, in position order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<QueuedStreamMessage>> ReadAsync(int queue, long afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes delivered rows of one queue.</summary>
    Task DeleteAsync(int queue, IReadOnlyList<long> positions);
}
