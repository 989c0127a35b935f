using System.Text;
using Npgsql;
using Notifications.Domain.Directory;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

/// <summary>
/// Reads the directory the effect store writes (<see cref="PostgresEffectStore"/>). A tag filter drives the query from
/// user_tags' (tag, user_id) key, so a page is one index range; list filters are one array parameter each, so a
/// 10,000-id segment is still one parameter. User ids collate as "C": pages and cursors follow ordinal order.
/// </summary>
internal sealed class PostgresUserDirectory(PostgresDatabase database) : IUserDirectory
{
    private const string Columns = "d.user_id, d.tags, d.locale, d.time_zone, d.registered_at";

    /// <summary>
    /// PostgreSQL has no skip scan: the distinct zones are walked one index probe per zone (a recursive "next zone
    /// after this one"), never a pass over every user. Users without a zone are one more probe.
    /// </summary>
    private const string TimeZonesSql = """
        WITH RECURSIVE zones(zone) AS (
            SELECT min(time_zone) FROM user_directory
            UNION ALL
            SELECT (SELECT min(time_zone) FROM user_directory WHERE time_zone > zones.zone) FROM zones WHERE zones.zone IS NOT NULL)
        SELECT zone FROM (
            SELECT NULL::text COLLATE "C" AS zone WHERE EXISTS (SELECT 1 FROM user_directory WHERE time_zone IS NULL)
            UNION ALL
            SELECT zone FROM zones WHERE zone IS NOT NULL) AS found
        ORDER BY zone NULLS FIRST
        """;

    public async Task<IReadOnlyList<DirectoryEntry>> PageAsync(DirectoryFilter filter, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command("");
        var sql = new StringBuilder();
        string key;
        if (filter.Tag is { } tag)
        {
            sql.Append("SELECT ").Append(Columns).Append(" FROM user_tags t JOIN user_directory d ON d.user_id = t.user_id WHERE t.tag = @tag");
            command.With("tag", tag);
            key = "t.user_id";
        }
        else
        {
            sql.Append("SELECT ").Append(Columns).Append(" FROM user_directory d WHERE TRUE");
            key = "d.user_id";
        }
        if (after is not null)
        {
            sql.Append(" AND ").Append(key).Append(" > @after");
            command.With("after", after);
        }
        if (filter.TimeZones.Count > 0)
        {
            var zones = filter.TimeZones.Where(z => z is not null).ToArray();
            sql.Append(" AND (d.time_zone = ANY (@zones)");
            if (zones.Length < filter.TimeZones.Count)
            {
                sql.Append(" OR d.time_zone IS NULL");
            }
            sql.Append(')');
            command.With("zones", zones);
        }
        if (filter.Languages.Count > 0)
        {
            sql.Append(" AND d.language = ANY (@languages)");
            command.With("languages", filter.Languages.ToArray<string?>());
        }
        if (filter.UserIds.Count > 0)
        {
            sql.Append(" AND d.user_id = ANY (@ids)");
            command.With("ids", filter.UserIds.ToArray<string?>());
        }
        sql.Append(" ORDER BY ").Append(key).Append(" LIMIT @limit");
        command.With("limit", limit);
        command.CommandText = sql.ToString();
        return await ReadEntriesAsync(command, Math.Min(limit, 1024), cancellationToken).ConfigureAwait(false);
    }

    public async Task<DirectoryEntry?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM user_directory d WHERE d.user_id = @id").With("id", userId);
        return (await ReadEntriesAsync(command, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT count(*) FROM user_directory");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<string?>> TimeZonesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command(TimeZonesSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var zones = new List<string?>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            zones.Add(reader.NullableString(0));
        }
        return zones;
    }

    private static async Task<List<DirectoryEntry>> ReadEntriesAsync(NpgsqlCommand command, int capacity, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<DirectoryEntry>(capacity);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new DirectoryEntry(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.NullableString(2),
                reader.NullableString(3), Pg.Instant(reader.GetInt64(4))));
        }
        return entries;
    }
}
