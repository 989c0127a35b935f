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
        // Serialising here keeps the single writer thread for SQLite work only.
        var states = commit.States.Select(s => (s.UserId, Json: JsonSerializer.SerializeToUtf8Bytes(s, NotificationJson.Options))).ToList();
        var effects = commit.Effects;
        var inboxData = effects.Inbox.Select(e => e.Data.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(e.Data, NotificationJson.Options)).ToList();
        var contents = effects.Deliveries.Select(d => JsonSerializer.SerializeToUtf8Bytes(d.Content, NotificationJson.Options)).ToList();
        var timers = effects.Timers.Select(t => JsonSerializer.SerializeToUtf8Bytes(t.Command, NotificationJson.Options)).ToList();
        return database.WriteAsync(session =>
        {
            var epoch = session.Raw("SELECT epoch FROM leases WHERE partition = ?1").Bind(1, commit.Partition).ExecuteInt64();
            if (epoch != commit.Epoch)
            {
                throw new LeaseLostException(commit.Partition, commit.Epoch);
            }
            // Consumed commands are a prefix of each lane, and this store's ids follow commit order: one range delete per lane.
            var consumedUpTo = new long[4];
            foreach (var entry in commit.Consumed)
            {
                if (entry.IsTimer)
                {
                    session.Raw("DELETE FROM timers WHERE id = ?1").Bind(1, entry.Id).Execute();
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
                    session.Raw("DELETE FROM commands WHERE partition = ?1 AND lane = ?2 AND id <= ?3")
                        .Bind(1, commit.Partition).Bind(2, lane).Bind(3, consumedUpTo[lane]).Execute();
                }
            }
            var nowMs = Db.Ms(DateTimeOffset.UtcNow);
            var upsertState = session.Raw("""
                INSERT INTO grains (user_id, state, updated_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """);
            foreach (var (userId, json) in states)
            {
                upsertState.Bind(1, userId).BindUtf8(2, json).Bind(3, nowMs).Execute();
            }
            // The inbox row of a notification is found from its notification row: record when it entered the inbox.
            var inboxAt = new Dictionary<Guid, long>(effects.Inbox.Count);
            foreach (var entry in effects.Inbox)
            {
                inboxAt[entry.NotificationId] = Db.Ms(entry.CreatedAt);
            }
            var upsertNotification = session.Raw("""
                INSERT INTO notifications (id, user_id, type, category, priority, status, title, body, created_at, inbox_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, title = excluded.title, body = excluded.body,
                    inbox_at = COALESCE(excluded.inbox_at, notifications.inbox_at)
                """);
            var recorded = new HashSet<Guid>(effects.Notifications.Count);
            foreach (var n in effects.Notifications)
            {
                upsertNotification.Bind(1, Db.Id(n.Id)).Bind(2, n.UserId).Bind(3, n.Type).Bind(4, n.Category).Bind(5, (int)n.Priority)
                    .Bind(6, n.Status).Bind(7, n.Title).Bind(8, n.Body).Bind(9, Db.Ms(n.CreatedAt));
                if (inboxAt.TryGetValue(n.Id, out var at))
                {
                    upsertNotification.Bind(10, at);
                }
                else
                {
                    upsertNotification.Bind(10, null);
                }
                upsertNotification.Execute();
                recorded.Add(n.Id);
            }
            var insertInbox = session.Raw("""
                INSERT INTO inbox (user_id, created_at, id, type, category, title, body, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT DO NOTHING
                """);
            for (var i = 0; i < effects.Inbox.Count; i++)
            {
                var e = effects.Inbox[i];
                insertInbox.Bind(1, e.UserId).Bind(2, Db.Ms(e.CreatedAt)).Bind(3, Db.Id(e.NotificationId)).Bind(4, e.Type)
                    .Bind(5, e.Category).Bind(6, e.Title).Bind(7, e.Body);
                if (inboxData[i] is { } data)
                {
                    insertInbox.BindUtf8(8, data);
                }
                else
                {
                    insertInbox.Bind(8, null);
                }
                insertInbox.Execute();
                if (!recorded.Contains(e.NotificationId))
                {
                    session.Raw("UPDATE notifications SET inbox_at = ?1 WHERE id = ?2").Bind(1, Db.Ms(e.CreatedAt)).Bind(2, Db.Id(e.NotificationId)).Execute();
                }
            }
            var insertDelivery = session.Raw("""
                INSERT INTO deliveries (notification_id, user_id, channel, target, lane, status, attempts, due_at, idempotency_key, content, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10)
                """);
            for (var i = 0; i < effects.Deliveries.Count; i++)
            {
                var d = effects.Deliveries[i];
                insertDelivery.Bind(1, Db.Id(d.NotificationId)).Bind(2, d.UserId).Bind(3, DbEnum.Name(d.Channel)).Bind(4, d.Target)
                    .Bind(5, (int)d.Lane).Bind(6, DbEnum.Name(d.Status)).Bind(7, Db.Ms(d.DueAt)).Bind(8, d.IdempotencyKey)
                    .BindUtf8(9, contents[i]).Bind(10, nowMs).Execute();
            }
            var insertTimer = session.Raw("INSERT INTO timers (partition, grain_key, lane, due_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)");
            for (var i = 0; i < effects.Timers.Count; i++)
            {
                var t = effects.Timers[i];
                insertTimer.Bind(1, commit.Partition).Bind(2, t.Command.UserId).Bind(3, (int)t.Lane).Bind(4, Db.Ms(t.DueAt)).BindUtf8(5, timers[i]).Execute();
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

    private static UserCommand Deserialize(string json) => JsonSerializer.Deserialize<UserCommand>(json, NotificationJson.Options)!;
}
