using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications.Api;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteInboxStore(SqliteDatabase database) : IInboxStore
{
    private const string Columns = "id, type, category, title, body, data, created_at, read_at";

    /// <summary>An item by id, through the primary key: the notification row says when the item entered the inbox.</summary>
    private const string ById = "user_id = $user AND created_at = (SELECT inbox_at FROM notifications WHERE id = $id) AND id = $id";
    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>();

    public Task<InboxPage> ListAsync(string userId, string? cursor, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            if (cursor is not null && InboxCursor.TryDecode(cursor, out var position))
            {
                command.CommandText = $"""
                    SELECT {Columns} FROM inbox
                    WHERE user_id = $user AND (created_at < $created OR (created_at = $created AND id < $id))
                    ORDER BY created_at DESC, id DESC LIMIT $n
                    """;
                command.With("$created", position.CreatedAtMs).With("$id", Db.Id(position.Id));
            }
            else
            {
                command.CommandText = $"SELECT {Columns} FROM inbox WHERE user_id = $user ORDER BY created_at DESC, id DESC LIMIT $n";
            }
            command.With("$user", userId).With("$n", limit + 1);
            var items = new List<InboxItem>(limit + 1);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    items.Add(Read(reader));
                }
            }
            string? next = null;
            if (items.Count > limit)
            {
                items.RemoveAt(limit);
                next = InboxCursor.Encode(items[^1].CreatedAt, items[^1].Id);
            }
            return new InboxPage(items, next, CountUnread(connection, userId));
        }, cancellationToken);

    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => CountUnread(connection, userId), cancellationToken);

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
        database.WriteAsync(session =>
        {
            var exists = session.Command($"SELECT read_at IS NOT NULL FROM inbox WHERE {ById}")
                .With("$id", Db.Id(notificationId)).With("$user", userId).ExecuteScalar();
            if (exists is null)
            {
                return false;
            }
            // Marking an item read twice keeps the first read time.
            session.Command(read
                    ? $"UPDATE inbox SET read_at = COALESCE(read_at, $now) WHERE {ById}"
                    : $"UPDATE inbox SET read_at = NULL WHERE {ById}")
                .With("$now", Db.Ms(now)).With("$id", Db.Id(notificationId)).With("$user", userId).ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<int> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("UPDATE inbox SET read_at = $now WHERE user_id = $user AND read_at IS NULL")
            .With("$now", Db.Ms(now)).With("$user", userId).ExecuteNonQuery(), cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("DELETE FROM inbox WHERE created_at < $cutoff")
            .With("$cutoff", Db.Ms(cutoff)).ExecuteNonQuery(), cancellationToken);

    private static int CountUnread(SqliteConnection connection, string userId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM inbox WHERE user_id = $user AND read_at IS NULL";
        command.With("$user", userId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static InboxItem Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        reader.NullableString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? NoData : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5), NotificationJson.Options)!,
        Db.Instant(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : Db.Instant(reader.GetInt64(7)));
}
