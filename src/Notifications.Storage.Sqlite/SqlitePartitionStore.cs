using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.State;
using Notifications.Runtime.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqlitePartitionStore(SqliteDatabase database) : IPartitionStore
{
    /// <summary>Kept well under SQLite's bound-parameter limit.</summary>
    private const int StatesPerQuery = 500;

    public Task<long> AcquireAsync(int partition, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(session => (long)session.Command("""
            INSERT INTO leases (partition, owner, epoch, acquired_at) VALUES ($p, $owner, 1, $now)
            ON CONFLICT (partition) DO UPDATE SET owner = excluded.owner, epoch = leases.epoch + 1, acquired_at = excluded.acquired_at
            RETURNING epoch
            """).With("$p", partition).With("$owner", owner).With("$now", Db.Ms(DateTimeOffset.UtcNow)).ExecuteScalar()!, cancellationToken);

    public Task<IReadOnlyList<StreamEntry>> ReadBatchAsync(int partition, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StreamEntry>>(connection =>
        {
            var entries = new List<StreamEntry>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT id, grain_key, lane, payload FROM commands WHERE partition = $p ORDER BY lane, id LIMIT $n";
                command.With("$p", partition).With("$n", maxEntries);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    entries.Add(new StreamEntry(reader.GetInt64(0), false, reader.GetString(1), (Priority)reader.GetInt32(2), Deserialize(reader.GetString(3))));
                }
            }
            if (entries.Count < maxEntries)
            {
                entries.AddRange(DueTimers(connection, partition, maxEntries - entries.Count, now));
                // Stable: within a lane, appended commands keep their order ahead of the timers read after them.
                entries = entries.OrderBy(e => e.Lane).ToList();
            }
            return entries;
        }, cancellationToken);

    public Task<IReadOnlyList<StreamEntry>> ReadDueTimersAsync(int partition, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StreamEntry>>(connection => DueTimers(connection, partition, maxEntries, now), cancellationToken);

    private static List<StreamEntry> DueTimers(SqliteConnection connection, int partition, int maxEntries, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, grain_key, lane, payload FROM timers WHERE partition = $p AND due_at <= $now ORDER BY due_at, id LIMIT $n";
        command.With("$p", partition).With("$now", Db.Ms(now)).With("$n", maxEntries);
        using var reader = command.ExecuteReader();
        var timers = new List<StreamEntry>();
        while (reader.Read())
        {
            timers.Add(new StreamEntry(reader.GetInt64(0), true, reader.GetString(1), (Priority)reader.GetInt32(2), Deserialize(reader.GetString(3))));
        }
        return timers;
    }

    public Task<IReadOnlyDictionary<string, UserState>> LoadStatesAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, UserState>>(connection =>
        {
            var states = new Dictionary<string, UserState>(userIds.Count, StringComparer.Ordinal);
            foreach (var chunk in userIds.Chunk(StatesPerQuery))
            {
                using var command = connection.CreateCommand();
                var names = new string[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    names[i] = "$u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    command.With(names[i], chunk[i]);
                }
                command.CommandText = $"SELECT user_id, state FROM grains WHERE user_id IN ({string.Join(',', names)})";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    states[reader.GetString(0)] = JsonSerializer.Deserialize<UserState>(reader.GetString(1), NotificationJson.Options)!;
                }
            }
            return states;
        }, cancellationToken);

    public Task CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        var states = commit.States.Select(s => (s.UserId, Json: JsonSerializer.Serialize(s, NotificationJson.Options))).ToList();
        var effects = commit.Effects;
        var inboxData = effects.Inbox.Select(e => e.Data.Count == 0 ? null : JsonSerializer.Serialize(e.Data, NotificationJson.Options)).ToList();
        var contents = effects.Deliveries.Select(d => d.Status == DeliveryStatus.Queued ? JsonSerializer.Serialize(d.Content, NotificationJson.Options) : null).ToList();
        var timers = effects.Timers.Select(t => JsonSerializer.Serialize(t.Command, NotificationJson.Options)).ToList();
        return database.WriteAsync(session =>
        {
            var epoch = session.Command("SELECT epoch FROM leases WHERE partition = $p").With("$p", commit.Partition).ExecuteScalar();
            if (epoch is not long current || current != commit.Epoch)
            {
                throw new LeaseLostException(commit.Partition, commit.Epoch);
            }
            // Consumed commands are a prefix of each lane, and this store's ids follow commit order: one range delete per lane.
            var consumedUpTo = new long[4];
            foreach (var entry in commit.Consumed)
            {
                if (entry.IsTimer)
                {
                    session.Command("DELETE FROM timers WHERE id = $id").With("$id", entry.Id).ExecuteNonQuery();
                }
                else
                {
                    consumedUpTo[(int)entry.Lane] = Math.Max(consumedUpTo[(int)entry.Lane], entry.Id);
                }
            }
            for (var lane = 0; lane < consumedUpTo.Length; lane++)
            {
                if (consumedUpTo[lane] > 0)
                {
                    session.Command("DELETE FROM commands WHERE partition = $p AND lane = $lane AND id <= $id")
                        .With("$p", commit.Partition).With("$lane", lane).With("$id", consumedUpTo[lane]).ExecuteNonQuery();
                }
            }
            var nowMs = Db.Ms(DateTimeOffset.UtcNow);
            foreach (var (userId, json) in states)
            {
                session.Command("""
                    INSERT INTO grains (user_id, state, updated_at) VALUES ($id, $state, $now)
                    ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                    """).With("$id", userId).With("$state", json).With("$now", nowMs).ExecuteNonQuery();
            }
            foreach (var n in effects.Notifications)
            {
                session.Command("""
                    INSERT INTO notifications (id, user_id, type, category, priority, status, title, body, created_at)
                    VALUES ($id, $user, $type, $category, $priority, $status, $title, $body, $created)
                    ON CONFLICT (id) DO UPDATE SET status = excluded.status, title = excluded.title, body = excluded.body
                    """).With("$id", Db.Id(n.Id)).With("$user", n.UserId).With("$type", n.Type).With("$category", n.Category)
                    .With("$priority", (int)n.Priority).With("$status", n.Status).With("$title", n.Title).With("$body", n.Body)
                    .With("$created", Db.Ms(n.CreatedAt)).ExecuteNonQuery();
            }
            for (var i = 0; i < effects.Inbox.Count; i++)
            {
                var e = effects.Inbox[i];
                session.Command("""
                    INSERT INTO inbox (user_id, created_at, id, type, category, title, body, data) VALUES ($user, $created, $id, $type, $category, $title, $body, $data)
                    ON CONFLICT DO NOTHING
                    """).With("$user", e.UserId).With("$created", Db.Ms(e.CreatedAt)).With("$id", Db.Id(e.NotificationId)).With("$type", e.Type)
                    .With("$category", e.Category).With("$title", e.Title).With("$body", e.Body).With("$data", inboxData[i]).ExecuteNonQuery();
            }
            for (var i = 0; i < effects.Deliveries.Count; i++)
            {
                var d = effects.Deliveries[i];
                session.Command("""
                    INSERT INTO deliveries (notification_id, user_id, channel, target, lane, status, attempts, due_at, idempotency_key, content, updated_at)
                    VALUES ($notification, $user, $channel, $target, $lane, $status, 0, $due, $key, $content, $now)
                    """).With("$notification", Db.Id(d.NotificationId)).With("$user", d.UserId).With("$channel", DbEnum.Name(d.Channel))
                    .With("$target", d.Target).With("$lane", (int)d.Lane).With("$status", DbEnum.Name(d.Status)).With("$due", Db.Ms(d.DueAt))
                    .With("$key", d.IdempotencyKey).With("$content", contents[i]).With("$now", nowMs).ExecuteNonQuery();
            }
            for (var i = 0; i < effects.Timers.Count; i++)
            {
                var t = effects.Timers[i];
                session.Command("INSERT INTO timers (partition, grain_key, lane, due_at, payload) VALUES ($p, $grain, $lane, $due, $payload)")
                    .With("$p", commit.Partition).With("$grain", t.Command.UserId).With("$lane", (int)t.Lane).With("$due", Db.Ms(t.DueAt))
                    .With("$payload", timers[i]).ExecuteNonQuery();
            }
            return true;
        }, cancellationToken);
    }

    public Task<(IReadOnlyList<int> DuePartitions, DateTimeOffset? NextDue)> DueTimersAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync<(IReadOnlyList<int>, DateTimeOffset?)>(connection =>
        {
            var due = new List<int>();
            var nowMs = Db.Ms(now);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT DISTINCT partition FROM timers WHERE due_at <= $now";
                command.With("$now", nowMs);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    due.Add(reader.GetInt32(0));
                }
            }
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT MIN(due_at) FROM timers WHERE due_at > $now";
                command.With("$now", nowMs);
                var next = command.ExecuteScalar();
                return (due, next is long ms ? Db.Instant(ms) : null);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<int>> PartitionsWithPendingCommandsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<int>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT partition FROM commands";
            using var reader = command.ExecuteReader();
            var partitions = new List<int>();
            while (reader.Read())
            {
                partitions.Add(reader.GetInt32(0));
            }
            return partitions;
        }, cancellationToken);

    private static UserCommand Deserialize(string json) => JsonSerializer.Deserialize<UserCommand>(json, NotificationJson.Options)!;
}
