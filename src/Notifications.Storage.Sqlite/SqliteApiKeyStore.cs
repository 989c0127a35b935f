using Notifications.Api;
using Notifications.Application;
using Microsoft.Data.Sqlite;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = "id, name, secret_hash, scopes, created_at, revoked_at, rate_per_second, rate_burst, daily_quota";

    public Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command($"INSERT INTO api_keys ({Columns}) VALUES ($id, $name, $hash, $scopes, $created, $revoked, $rate, $burst, $daily)")
            .With("$id", key.Id).With("$name", key.Name).With("$hash", key.SecretHash).With("$scopes", string.Join(' ', key.Scopes))
            .With("$created", Db.Ms(key.CreatedAt)).With("$revoked", key.RevokedAt is { } r ? Db.Ms(r) : null)
            .With("$rate", key.Quota?.RequestsPerSecond).With("$burst", key.Quota?.Burst).With("$daily", key.Quota?.RequestsPerDay).ExecuteNonQuery(), cancellationToken);

    public Task<ApiKeyRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM api_keys WHERE secret_hash = $hash";
            command.With("$hash", secretHash);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKeyRecord>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";
            using var reader = command.ExecuteReader();
            var keys = new List<ApiKeyRecord>();
            while (reader.Read())
            {
                keys.Add(Read(reader));
            }
            return keys;
        }, cancellationToken);

    public Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $now) WHERE id = $id")
            .With("$now", Db.Ms(now)).With("$id", id).ExecuteNonQuery() > 0, cancellationToken);

    private static ApiKeyRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries), Db.Instant(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : Db.Instant(reader.GetInt64(5)))
    {
        Quota = reader.IsDBNull(6) && reader.IsDBNull(7) && reader.IsDBNull(8)
            ? null
            : new ProducerQuota(
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8)),
    };
}
