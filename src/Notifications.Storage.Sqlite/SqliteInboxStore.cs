using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications.Api;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

/// <summary>
/// The inbox table, clustered by (user, created, id): every query here stays inside one user's range, and the filters
/// (state, category, tag) are evaluated on that range rather than through secondary indexes — a user's inbox is small,
/// and an index would add a random page write to every notification.
/// </summary>
internal sealed class SqliteInboxStore(SqliteDatabase database) : IInboxStore
{
    private const string Columns = "id, type, category, title, body, data, created_at, read_at, seen_at, archived_at, snoozed_until, tags, actions";

    /// <summary>An item by id, through the primary key: the notification row says when the item entered the inbox.</summary>
    private const string ById = "user_id = $user AND created_at = (SELECT inbox_at FROM notifications WHERE id = $id) AND id = $id";

    /// <summary>Neither archived nor snoozed at $now.</summary>
    private const string Active = "archived_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= $now)";

    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>();

    public Task<InboxPage> ListAsync(string userId, string? cursor, int limit, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            var where = "user_id = $user AND " + Filter(query);
            Bind(command, query);
            if (cursor is not null && InboxCursor.TryDecode(cursor, out var position))
            {
                where += " AND (created_at < $created OR (created_at = $created AND id < $id))";
                command.With("$created", position.CreatedAtMs).With("$id", Db.Id(position.Id));
            }
            command.CommandText = $"SELECT {Columns} FROM inbox WHERE {where} ORDER BY created_at DESC, id DESC LIMIT $n";
            command.With("$user", userId).With("$n", limit + 1).With("$now", Db.Ms(now));
            var items = ReadAll(command, limit + 1);
            string? next = null;
            if (items.Count > limit)
            {
                items.RemoveAt(limit);
                next = InboxCursor.Encode(items[^1].CreatedAt, items[^1].Id);
            }
            var counts = Count(connection, userId, now);
            return new InboxPage(items, next, counts.Unread) { UnseenCount = counts.Unseen };
        }, cancellationToken);

    public Task<IReadOnlyList<InboxItem>> ListNewerAsync(string userId, string cursor, int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<InboxItem>>(connection =>
        {
            if (!InboxCursor.TryDecode(cursor, out var position))
            {
                return [];
            }
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {Columns} FROM inbox
                WHERE user_id = $user AND (created_at > $created OR (created_at = $created AND id > $id)) AND {Active}
                ORDER BY created_at, id LIMIT $n
                """;
            command.With("$user", userId).With("$created", position.CreatedAtMs).With("$id", Db.Id(position.Id))
                .With("$now", Db.Ms(now)).With("$n", limit);
            return ReadAll(command, limit);
        }, cancellationToken);

    public Task<InboxCounts> CountsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => Count(connection, userId, now), cancellationToken);

    public Task<InboxItem?> GetAsync(string userId, Guid notificationId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM inbox WHERE {ById}";
            command.With("$id", Db.Id(notificationId)).With("$user", userId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);

    public Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Marking an item read twice keeps the first read time.
        UpdateOneAsync(userId, notificationId, read ? "read_at = COALESCE(read_at, $now)" : "read_at = NULL", now, cancellationToken);

    public Task<int> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("UPDATE inbox SET read_at = $now WHERE user_id = $user AND read_at IS NULL")
            .With("$now", Db.Ms(now)).With("$user", userId).ExecuteNonQuery(), cancellationToken);

    public Task<int> MarkSeenAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command($"UPDATE inbox SET seen_at = $now WHERE user_id = $user AND seen_at IS NULL AND {Active}")
            .With("$now", Db.Ms(now)).With("$user", userId).ExecuteNonQuery(), cancellationToken);

    public Task<bool> UpdateAsync(string userId, Guid notificationId, InboxItemChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sets = new List<string>(3);
        if (change.Read is { } read)
        {
            sets.Add(read ? "read_at = COALESCE(read_at, $now)" : "read_at = NULL");
        }
        if (change.Archived is { } archived)
        {
            sets.Add(archived ? "archived_at = COALESCE(archived_at, $now)" : "archived_at = NULL");
        }
        if (change.Snooze)
        {
            sets.Add("snoozed_until = $until");
        }
        if (sets.Count == 0)
        {
            // Nothing to change: still a question of whether the item exists.
            sets.Add("id = id");
        }
        var sql = $"UPDATE inbox SET {string.Join(", ", sets)} WHERE {ById}";
        return database.WriteAsync(session => session.Command(sql)
            .With("$now", Db.Ms(now)).With("$until", change.SnoozedUntil is { } until ? Db.Ms(until) : null)
            .With("$id", Db.Id(notificationId)).With("$user", userId).ExecuteNonQuery() > 0, cancellationToken);
    }

    public Task<bool> EndSnoozeAsync(string userId, Guid notificationId, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command($"UPDATE inbox SET snoozed_until = NULL WHERE {ById} AND snoozed_until = $until")
            .With("$until", Db.Ms(until)).With("$id", Db.Id(notificationId)).With("$user", userId)
            .ExecuteNonQuery() > 0, cancellationToken);

    public Task<int> BulkAsync(string userId, InboxBulkAction action, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var (set, unchanged) = action switch
            {
                InboxBulkAction.Read => ("read_at = $now", "read_at IS NULL"),
                InboxBulkAction.Archive => ("archived_at = $now", "archived_at IS NULL"),
                InboxBulkAction.Unarchive => ("archived_at = NULL", "archived_at IS NOT NULL"),
                _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
            };
            var command = session.Command($"UPDATE inbox SET {set} WHERE user_id = $user AND {unchanged} AND {Filter(query)}");
            Bind(command, query);
            return command.With("$now", Db.Ms(now)).With("$user", userId).ExecuteNonQuery();
        }, cancellationToken);

    public Task<bool> RecordActionAsync(string userId, Guid notificationId, string actionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            // The first click is the delivery's click; a second one changes nothing but is still a known item.
            var exists = session.Command($"SELECT 1 FROM inbox WHERE {ById}").With("$id", Db.Id(notificationId)).With("$user", userId).ExecuteScalar();
            if (exists is null)
            {
                return false;
            }
            session.Command($"UPDATE inbox SET clicked_at = $now, clicked_action = $action WHERE {ById} AND clicked_at IS NULL")
                .With("$now", Db.Ms(now)).With("$action", actionId).With("$id", Db.Id(notificationId)).With("$user", userId).ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("DELETE FROM inbox WHERE created_at < $cutoff")
            .With("$cutoff", Db.Ms(cutoff)).ExecuteNonQuery(), cancellationToken);

    private Task<bool> UpdateOneAsync(string userId, Guid notificationId, string set, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command($"UPDATE inbox SET {set} WHERE {ById}")
            .With("$now", Db.Ms(now)).With("$id", Db.Id(notificationId)).With("$user", userId).ExecuteNonQuery() > 0, cancellationToken);

    /// <summary>The WHERE clause of a query besides the user; uses $now, and $category and $tag (see <see cref="Bind"/>).</summary>
    private static string Filter(InboxQuery query)
    {
        var clauses = new List<string>(3)
        {
            query.State switch
            {
                InboxState.Active => Active,
                InboxState.Unread => Active + " AND read_at IS NULL",
                InboxState.Archived => "archived_at IS NOT NULL",
                InboxState.Snoozed => "archived_at IS NULL AND snoozed_until > $now",
                _ => "1 = 1",
            },
        };
        if (query.Category is not null)
        {
            clauses.Add("category = $category");
        }
        if (query.Tag is not null)
        {
            clauses.Add("tags IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(inbox.tags) WHERE json_each.value = $tag)");
        }
        return string.Join(" AND ", clauses);
    }

    private static void Bind(SqliteCommand command, InboxQuery query)
    {
        if (query.Category is { } category)
        {
            command.With("$category", category);
        }
        if (query.Tag is { } tag)
        {
            command.With("$tag", tag);
        }
    }

    private static InboxCounts Count(SqliteConnection connection, string userId, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT COALESCE(SUM(read_at IS NULL), 0), COALESCE(SUM(seen_at IS NULL), 0)
            FROM inbox WHERE user_id = $user AND {Active}
            """;
        command.With("$user", userId).With("$now", Db.Ms(now));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new InboxCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    private static List<InboxItem> ReadAll(SqliteCommand command, int capacity)
    {
        var items = new List<InboxItem>(capacity);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(Read(reader));
        }
        return items;
    }

    private static InboxItem Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        reader.NullableString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? NoData : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5), NotificationJson.Options)!,
        Db.Instant(reader.GetInt64(6)),
        NullableInstant(reader, 7))
    {
        SeenAt = NullableInstant(reader, 8),
        ArchivedAt = NullableInstant(reader, 9),
        SnoozedUntil = NullableInstant(reader, 10),
        Tags = reader.IsDBNull(11) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(11), NotificationJson.Options)!,
        Actions = reader.IsDBNull(12) ? [] : JsonSerializer.Deserialize<InboxAction[]>(reader.GetString(12), NotificationJson.Options)!,
    };

    private static DateTimeOffset? NullableInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Db.Instant(reader.GetInt64(ordinal));
}
