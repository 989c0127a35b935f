using Npgsql;
using Notifications.Api;
using Notifications.Application;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresApiKeyStore(PostgresDatabase database) : IApiKeyStore
{
    private const string Columns = "id, name, secret_hash, scopes, created_at, revoked_at, rate_per_second, rate_burst, daily_quota";

    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"INSERT INTO api_keys ({Columns}) VALUES (@id, @name, @hash, @scopes, @created, @revoked, @rate, @burst, @daily)")
            .With("id", key.Id).With("name", key.Name).With("hash", key.SecretHash).With("scopes", string.Join(' ', key.Scopes))
            .With("created", Pg.Ms(key.CreatedAt)).With("revoked", Pg.Ms(key.RevokedAt))
            .With("rate", key.Quota?.RequestsPerSecond).With("burst", key.Quota?.Burst).With("daily", key.Quota?.RequestsPerDay);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM api_keys WHERE secret_hash = @hash", c => c.With("hash", secretHash), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM api_keys ORDER BY created_at, id", _ => { }, cancellationToken).ConfigureAwait(false);

    public async Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.Command("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id").With("now", Pg.Ms(now)).With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<List<ApiKeyRecord>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = database.Command(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    private static ApiKeyRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries), Pg.Instant(reader.GetInt64(4)), reader.NullableInstant(5))
    {
        Quota = reader.IsDBNull(6) && reader.IsDBNull(7) && reader.IsDBNull(8)
            ? null
            : new ProducerQuota(
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8)),
    };
}
