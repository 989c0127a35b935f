using Notifications.Grains.Storage.Streams;

namespace Notifications.Storage.Sqlite.Streams;

/// <summary>
/// One provider's queue rows in the silo's SQLite file. Enqueues and acknowledgements are operations of the single
/// writer, so concurrent producers share its group commits; reads run on the pooled reader connections. A row's
/// position is its id: increasing and never reused, and, with one writer, readable in that order.
/// </summary>
internal sealed class SqliteStreamQueueTable(SqliteDatabase database, TimeProvider time, string provider, Priority lane) : IStreamQueueTable
{
    public Task EnqueueAsync(int queue, string streamId, byte[] payload) =>
        database.WriteAsync(session => session.Raw(
                "INSERT INTO stream_messages (provider, queue, stream_id, payload, enqueued_at) VALUES (?1, ?2, ?3, ?4, ?5)")
            .Bind(1, provider).Bind(2, queue).Bind(3, streamId).BindBlob(4, payload).Bind(5, Db.Ms(time.GetUtcNow()))
            .Execute(), CancellationToken.None, lane);

    public Task<IReadOnlyList<QueuedStreamMessage>> ReadAsync(int queue, long afterPosition, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<QueuedStreamMessage>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, payload FROM stream_messages WHERE provider = $provider AND queue = $queue AND id > $after ORDER BY id LIMIT $limit";
            command.With("$provider", provider).With("$queue", queue).With("$after", afterPosition).With("$limit", limit);
            using var reader = command.ExecuteReader();
            var rows = new List<QueuedStreamMessage>();
            while (reader.Read())
            {
                rows.Add(new QueuedStreamMessage(reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }
            return rows;
        }, cancellationToken);

    /// <summary>All in one writer operation; ids are unique across queues, so the queue is not needed to find them.</summary>
    public Task DeleteAsync(int queue, IReadOnlyList<long> positions) =>
        database.WriteAsync(session =>
        {
            var statement = session.Raw("DELETE FROM stream_messages WHERE id = ?1 AND provider = ?2");
            foreach (var id in positions)
            {
                statement.Bind(1, id).Bind(2, provider).Execute();
            }
            return true;
        }, CancellationToken.None, lane);
}
