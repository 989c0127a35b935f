using Notifications.Grains.Storage.Streams;

namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// One provider's queue rows in the cluster's database. Concurrent publishes are gathered (<see cref="BatchQueue{T}"/>)
/// into one multi-row INSERT each, so a silo under load pays one round trip and one commit for many events. A row's
/// position is its number within its queue (<c>seq</c>).
/// </summary>
internal sealed class PostgresStreamQueueTable : IStreamQueueTable
{
    /// <summary>The payload bytes one INSERT carries at most: a gathered batch above it is split into successive inserts.</summary>
    public const int MaxBytesPerInsert = 64 * 1024 * 1024;

    private const int MaxEnqueuesPerInsert = 1000;

    /// <summary>
    /// Takes each queue's next numbers and inserts the rows, in one statement. The upsert of <c>stream_queues</c>
    /// holds the queue's counter row locked until this statement commits, so a concurrent insert into the same queue
    /// (from this silo or another) numbers its rows only after these are visible: see Migrations/0002. Queues are
    /// locked in ascending order, so two inserts covering several queues cannot deadlock.
    /// </summary>
    private const string InsertSql = """
        WITH rows AS (
            SELECT queue, stream_id, payload, row_number() OVER (PARTITION BY queue ORDER BY ord) AS rank
            FROM unnest(@queues, @streams, @payloads) WITH ORDINALITY AS u(queue, stream_id, payload, ord)
        ), counts AS (
            SELECT queue, count(*) AS n FROM rows GROUP BY queue
        ), taken AS (
            INSERT INTO stream_queues AS q (provider, queue, last_seq)
            SELECT @provider, queue, n FROM counts ORDER BY queue
            ON CONFLICT (provider, queue) DO UPDATE SET last_seq = q.last_seq + excluded.last_seq
            RETURNING queue, last_seq
        )
        INSERT INTO stream_messages (provider, queue, seq, stream_id, payload, enqueued_at)
        SELECT @provider, r.queue, t.last_seq - c.n + r.rank, r.stream_id, r.payload, @now
        FROM rows r JOIN taken t ON t.queue = r.queue JOIN counts c ON c.queue = r.queue
        """;

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;
    private readonly string _provider;
    private readonly BatchQueue<StreamEnqueue> _enqueues;

    public PostgresStreamQueueTable(PostgresDatabase database, TimeProvider time, string provider, int insertsInFlight)
    {
        _database = database;
        _time = time;
        _provider = provider;
        _enqueues = new BatchQueue<StreamEnqueue>(InsertAsync, (enqueue, exception) => enqueue.Fail(exception), MaxEnqueuesPerInsert, insertsInFlight);
    }

    public Task EnqueueAsync(int queue, string streamId, byte[] payload)
    {
        var enqueue = new StreamEnqueue(queue, streamId, payload);
        _enqueues.Enqueue(enqueue);
        return enqueue.Done;
    }

    public async Task<IReadOnlyList<QueuedStreamMessage>> ReadAsync(int queue, long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var command = _database.Command(
                "SELECT seq, payload FROM stream_messages WHERE provider = @provider AND queue = @queue AND seq > @after ORDER BY seq LIMIT @limit")
            .With("provider", _provider).With("queue", queue).With("after", afterPosition).With("limit", (long)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<QueuedStreamMessage>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new QueuedStreamMessage(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }
        return rows;
    }

    /// <summary>In one statement.</summary>
    public async Task DeleteAsync(int queue, IReadOnlyList<long> positions)
    {
        await using var command = _database.Command("DELETE FROM stream_messages WHERE provider = @provider AND queue = @queue AND seq = ANY(@seqs)")
            .With("provider", _provider).With("queue", queue).With("seqs", positions.ToArray());
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The gathered publishes, in their order, as few inserts as <see cref="MaxBytesPerInsert"/> allows; each insert's
    /// callers complete when it commits, so a failure fails only the publishes not yet committed.
    /// </summary>
    private async Task InsertAsync(List<StreamEnqueue> batch)
    {
        var start = 0;
        while (start < batch.Count)
        {
            var end = start;
            long bytes = 0;
            while (end < batch.Count && (end == start || bytes + batch[end].Payload.Length <= MaxBytesPerInsert))
            {
                bytes += batch[end].Payload.Length;
                end++;
            }
            var chunk = batch.GetRange(start, end - start);
            try
            {
                await using var command = _database.Command(InsertSql)
                    .With("provider", _provider)
                    .With("now", Pg.Ms(_time.GetUtcNow()))
                    .With("queues", chunk.Select(e => e.Queue).ToArray())
                    .With("streams", chunk.Select(e => (string?)e.StreamId).ToArray())
                    .With("payloads", chunk.Select(e => e.Payload).ToArray());
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                foreach (var enqueue in batch.Skip(start))
                {
                    enqueue.Fail(exception);
                }
                return;
            }
            foreach (var enqueue in chunk)
            {
                enqueue.Complete();
            }
            start = end;
        }
    }
}
