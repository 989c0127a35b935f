namespace Notifications.Storage.Sqlite.Streams;

/// <summary>
/// The queue rows of the stream providers in the silo's SQLite file. Enqueues and acknowledgements are operations of
/// the single writer, so concurrent producers share its group commits; reads run on the pooled reader connections.
/// </summary>
internal sealed class SqliteStreamQueueStore(SqliteDatabase database, TimeProvider time)
{
    /// <summary>Durable when the returned task completes: the writer's transaction holding the row has committed.</summary>
    public Task EnqueueAsync(string provider, int queue, string streamId, byte[] payload, Priority lane) =>
        database.WriteAsync(session => session.Raw(
                "INSERT INTO stream_messages (provider, queue, stream_id, payload, enqueued_at) VALUES (?1, ?2, ?3, ?4, ?5)")
            .Bind(1, provider).Bind(2, queue).Bind(3, streamId).BindBlob(4, payload).Bind(5, Db.Ms(time.GetUtcNow()))
            .Execute(), CancellationToken.None, lane);

    /// <summary>The queue's oldest rows with an id above <paramref name="afterId"/>, in id order, at most <paramref name="limit"/>.</summary>
    public Task<List<StoredStreamMessage>> ReadAsync(string provider, int queue, long afterId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, payload FROM stream_messages WHERE provider = $provider AND queue = $queue AND id > $after ORDER BY id LIMIT $limit";
            command.With("$provider", provider).With("$queue", queue).With("$after", afterId).With("$limit", limit);
            using var reader = command.ExecuteReader();
            var rows = new List<StoredStreamMessage>();
            while (reader.Read())
            {
                rows.Add(new StoredStreamMessage(reader.GetInt64(0), (byte[])reader.GetValue(1)));
            }
            return rows;
        }, cancellationToken);

    /// <summary>Deletes delivered rows, all in one writer operation.</summary>
    public Task<int> DeleteAsync(string provider, IReadOnlyList<long> ids, Priority lane) =>
        database.WriteAsync(session =>
        {
            var deleted = 0;
            var statement = session.Raw("DELETE FROM stream_messages WHERE id = ?1 AND provider = ?2");
            foreach (var id in ids)
            {
                deleted += statement.Bind(1, id).Bind(2, provider).Execute();
            }
            return deleted;
        }, CancellationToken.None, lane);
}
