using System.Text.Json;
using Npgsql;
using Notifications.Api;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

/// <summary>
/// The inbox table: pages walk one user's (created, id) index; single items are found by the key (user, id). The
/// filters (state, category, tag) are evaluated on the user's own rows: a user's inbox is small.
/// </summary>
internal sealed class PostgresInboxStore(PostgresDatabase database) : IInboxStore
{
    private const string Columns = "id, type, category, title, body, data, created_at, read_at, seen_at, archived_at, snoozed_until, tags, actions";

    private const string ById = "user_id = @user AND id = @id";

    /// <summary>Neither archived nor snoozed at @now.</summary>
    private const string Active = "archived_at IS NULL AND (snoozed_until IS NULL OR snoozed_until <= @now)";

    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>();

    public async Task<InboxPage> ListAsync(string userId, string? cursor, int limit, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = "user_id = @user AND " + Filter(query);
        Bind(command, query);
        if (cursor is not null && InboxCursor.TryDecode(cursor, out var position))
        {
            where += " AND (created_at, id) < (@created, @cursor_id)";
            command.With("created", position.CreatedAtMs).With("cursor_id", position.Id);
        }
        command.CommandText = $"SELECT {Columns} FROM inbox WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @n";
        command.With("user", userId).With("n", limit + 1).With("now", Pg.Ms(now));
        var items = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = InboxCursor.Encode(items[^1].CreatedAt, items[^1].Id);
        }
        var counts = await CountAsync(connection, userId, now, cancellationToken).ConfigureAwait(false);
        return new InboxPage(items, next, counts.Unread) { UnseenCount = counts.Unseen };
    }

    public async Task<IReadOnlyList<InboxItem>> ListNewerAsync(string userId, string cursor, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!InboxCursor.TryDecode(cursor, out var position))
        {
            return [];
        }
        await using var command = database.Command($"""
            SELECT {Columns} FROM inbox
            WHERE user_id = @user AND (created_at, id) > (@created, @cursor_id) AND {Active}
            ORDER BY created_at, id LIMIT @n
            """).With("user", userId).With("created", position.CreatedAtMs).With("cursor_id", position.Id).With("now", Pg.Ms(now)).With("n", limit);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InboxCounts> CountsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await CountAsync(connection, userId, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InboxItem?> GetAsync(string userId, Guid notificationId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM inbox WHERE {ById}").With("user", userId).With("id", notificationId);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, DateTimeOffset now, CancellationToken cancellationToken) =>
        // Marking an item read twice keeps the first read time.
        await ExecuteAsync($"UPDATE inbox SET {(read ? "read_at = COALESCE(read_at, @now)" : "read_at = NULL")} WHERE {ById}",
            c => c.With("now", Pg.Ms(now)).With("user", userId).With("id", notificationId), cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE inbox SET read_at = @now WHERE user_id = @user AND read_at IS NULL",
            c => c.With("now", Pg.Ms(now)).With("user", userId), cancellationToken);

    public Task<int> MarkSeenAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync($"UPDATE inbox SET seen_at = @now WHERE user_id = @user AND seen_at IS NULL AND {Active}",
            c => c.With("now", Pg.Ms(now)).With("user", userId), cancellationToken);

    public async Task<bool> UpdateAsync(string userId, Guid notificationId, InboxItemChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sets = new List<string>(3);
        if (change.Read is { } read)
        {
            sets.Add(read ? "read_at = COALESCE(read_at, @now)" : "read_at = NULL");
        }
        if (change.Archived is { } archived)
        {
            sets.Add(archived ? "archived_at = COALESCE(archived_at, @now)" : "archived_at = NULL");
        }
        if (change.Snooze)
        {
            sets.Add("snoozed_until = @until");
        }
        if (sets.Count == 0)
        {
            // Nothing to change: still a question of whether the item exists.
            sets.Add("id = id");
        }
        return await ExecuteAsync($"UPDATE inbox SET {string.Join(", ", sets)} WHERE {ById}",
            c => c.With("now", Pg.Ms(now)).With("until", Pg.Ms(change.SnoozedUntil)).With("user", userId).With("id", notificationId),
            cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> EndSnoozeAsync(string userId, Guid notificationId, DateTimeOffset until, CancellationToken cancellationToken) =>
        await ExecuteAsync($"UPDATE inbox SET snoozed_until = NULL WHERE {ById} AND snoozed_until = @until",
            c => c.With("until", Pg.Ms(until)).With("user", userId).With("id", notificationId), cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> BulkAsync(string userId, InboxBulkAction action, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (set, unchanged) = action switch
        {
            InboxBulkAction.Read => ("read_at = @now", "read_at IS NULL"),
            InboxBulkAction.Archive => ("archived_at = @now", "archived_at IS NULL"),
            InboxBulkAction.Unarchive => ("archived_at = NULL", "archived_at IS NOT NULL"),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        return ExecuteAsync($"UPDATE inbox SET {set} WHERE user_id = @user AND {unchanged} AND {Filter(query)}", c =>
        {
            Bind(c, query);
            c.With("now", Pg.Ms(now)).With("user", userId);
        }, cancellationToken);
    }

    public async Task<bool> RecordActionAsync(string userId, Guid notificationId, string actionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The first click is the delivery's click; a second one changes nothing but is still a known item.
        await using var command = database.Command($"""
            WITH clicked AS (UPDATE inbox SET clicked_at = @now, clicked_action = @action WHERE {ById} AND clicked_at IS NULL RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM clicked) OR EXISTS (SELECT 1 FROM inbox WHERE {ById})
            """).With("now", Pg.Ms(now)).With("action", actionId).With("user", userId).With("id", notificationId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM inbox WHERE created_at < @cutoff", c => c.With("cutoff", Pg.Ms(cutoff)), cancellationToken);

    private async Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = database.Command(sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The WHERE clause of a query besides the user; uses @now, and @category and @tag (see <see cref="Bind"/>).</summary>
    private static string Filter(InboxQuery query)
    {
        var clauses = new List<string>(3)
        {
            query.State switch
            {
                InboxState.Active => Active,
                InboxState.Unread => Active + " AND read_at IS NULL",
                InboxState.Archived => "archived_at IS NOT NULL",
                InboxState.Snoozed => "archived_at IS NULL AND snoozed_until > @now",
                _ => "TRUE",
            },
        };
        if (query.Category is not null)
        {
            clauses.Add("category = @category");
        }
        if (query.Tag is not null)
        {
            clauses.Add("@tag = ANY (tags)");
        }
        return string.Join(" AND ", clauses);
    }

    private static void Bind(NpgsqlCommand command, InboxQuery query)
    {
        if (query.Category is { } category)
        {
            command.With("category", category);
        }
        if (query.Tag is { } tag)
        {
            command.With("tag", tag);
        }
    }

    private static async Task<InboxCounts> CountAsync(NpgsqlConnection connection, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT COUNT(*) FILTER (WHERE read_at IS NULL), COUNT(*) FILTER (WHERE seen_at IS NULL)
            FROM inbox WHERE user_id = @user AND {Active}
            """, connection).With("user", userId).With("now", Pg.Ms(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new InboxCounts((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    private static async Task<List<InboxItem>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var items = new List<InboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }
        return items;
    }

    private static InboxItem Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.NullableString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? NoData : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5), NotificationJson.Options)!,
        Pg.Instant(reader.GetInt64(6)),
        reader.NullableInstant(7))
    {
        SeenAt = reader.NullableInstant(8),
        ArchivedAt = reader.NullableInstant(9),
        SnoozedUntil = reader.NullableInstant(10),
        Tags = reader.IsDBNull(11) ? [] : reader.GetFieldValue<string[]>(11),
        Actions = reader.IsDBNull(12) ? [] : JsonSerializer.Deserialize<InboxAction[]>(reader.GetString(12), NotificationJson.Options)!,
    };
}
