using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications.Domain.Directory;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

/// <summary>
/// Reads the directory the effect store writes (<see cref="SqliteEffectStore"/>). A tag filter drives the query from
/// user_tags' (tag, user_id) key, so a page is one index range; list filters come as one JSON parameter each, so a
/// 10,000-id segment needs no 10,000 parameters.
/// </summary>
internal sealed class SqliteUserDirectory(SqliteDatabase database) : IUserDirectory
{
    private const string Columns = "d.user_id, d.tags, d.locale, d.time_zone, d.registered_at";

    public Task<IReadOnlyList<DirectoryEntry>> PageAsync(DirectoryFilter filter, string? after, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DirectoryEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder();
            string key;
            if (filter.Tag is { } tag)
            {
                sql.Append("SELECT ").Append(Columns).Append(" FROM user_tags t JOIN user_directory d ON d.user_id = t.user_id WHERE t.tag = $tag");
                command.Parameters.AddWithValue("$tag", tag);
                key = "t.user_id";
            }
            else
            {
                sql.Append("SELECT ").Append(Columns).Append(" FROM user_directory d WHERE 1 = 1");
                key = "d.user_id";
            }
            if (after is not null)
            {
                sql.Append(" AND ").Append(key).Append(" > $after");
                command.Parameters.AddWithValue("$after", after);
            }
            if (filter.TimeZones.Count > 0)
            {
                var zones = filter.TimeZones.Where(z => z is not null).ToList();
                sql.Append(" AND (d.time_zone IN (SELECT value FROM json_each($zones))");
                if (zones.Count < filter.TimeZones.Count)
                {
                    sql.Append(" OR d.time_zone IS NULL");
                }
                sql.Append(')');
                command.Parameters.AddWithValue("$zones", JsonSerializer.Serialize(zones));
            }
            if (filter.Languages.Count > 0)
            {
                sql.Append(" AND d.language IN (SELECT value FROM json_each($languages))");
                command.Parameters.AddWithValue("$languages", JsonSerializer.Serialize(filter.Languages));
            }
            if (filter.UserIds.Count > 0)
            {
                sql.Append(" AND d.user_id IN (SELECT value FROM json_each($ids))");
                command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(filter.UserIds));
            }
            sql.Append(" ORDER BY ").Append(key).Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit);
            command.CommandText = sql.ToString();
            using var reader = command.ExecuteReader();
            var page = new List<DirectoryEntry>(Math.Min(limit, 1024));
            while (reader.Read())
            {
                page.Add(Read(reader));
            }
            return page;
        }, cancellationToken);

    public Task<DirectoryEntry?> GetAsync(string userId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM user_directory d WHERE d.user_id = $id";
            command.Parameters.AddWithValue("$id", userId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM user_directory";
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);

    public Task<IReadOnlyList<string?>> TimeZonesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string?>>(connection =>
        {
            using var command = connection.CreateCommand();
            // Distinct over the zone index: one step per zone, not per user.
            command.CommandText = "SELECT DISTINCT time_zone FROM user_directory ORDER BY time_zone";
            using var reader = command.ExecuteReader();
            var zones = new List<string?>();
            while (reader.Read())
            {
                zones.Add(reader.NullableString(0));
            }
            return zones;
        }, cancellationToken);

    private static DirectoryEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        JsonSerializer.Deserialize<List<string>>(reader.GetString(1)) ?? [],
        reader.NullableString(2),
        reader.NullableString(3),
        Db.Instant(reader.GetInt64(4)));
}
