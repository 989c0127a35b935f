using Npgsql;

namespace Notifications.StorageBench;

/// <summary>
/// A schema of ours for Orleans' stock ADO.NET grain storage on PostgreSQL, which ships no script in its package: the
/// OrleansQuery table it reads its statements from, one state table keyed by the grain, and the three statements
/// (parameter and column names are the provider's). Each write is one statement in its own transaction, as the
/// provider sends it: one round trip and one commit per grain write.
/// </summary>
internal static class StockAdoNetSchema
{
    private const string Tables = """
        CREATE TABLE orleansquery (querykey varchar(64) PRIMARY KEY, querytext text NOT NULL);
        CREATE TABLE stock_grain_state (
            grain_id_n0 bigint NOT NULL,
            grain_id_n1 bigint NOT NULL,
            grain_type text NOT NULL,
            grain_id_extension text NOT NULL,
            service_id text NOT NULL,
            grain_id_hash integer NOT NULL,
            grain_type_hash integer NOT NULL,
            payload bytea NULL,
            version integer NOT NULL,
            modified_on timestamptz NOT NULL,
            PRIMARY KEY (grain_id_n0, grain_id_n1, grain_type, grain_id_extension, service_id));
        """;

    private const string Key = """
        grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
            AND grain_id_extension = COALESCE(CAST(@GrainIdExtensionString AS text), '') AND service_id = @ServiceId
        """;

    /// <summary>The version after the write; the expected one (or null) when nothing was written, which the provider reports as a conflict.</summary>
    private const string Write = $"""
        WITH updated AS (
            UPDATE stock_grain_state SET payload = @PayloadBinary, version = version + 1, modified_on = now()
            WHERE {Key} AND version = CAST(@GrainStateVersion AS integer)
            RETURNING version),
        inserted AS (
            INSERT INTO stock_grain_state (grain_id_n0, grain_id_n1, grain_type, grain_id_extension, service_id, grain_id_hash, grain_type_hash, payload, version, modified_on)
            SELECT @GrainIdN0, @GrainIdN1, @GrainTypeString, COALESCE(CAST(@GrainIdExtensionString AS text), ''), @ServiceId, @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
            WHERE CAST(@GrainStateVersion AS integer) IS NULL
            ON CONFLICT DO NOTHING
            RETURNING version)
        SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), CAST(@GrainStateVersion AS integer)) AS NewGrainStateVersion
        """;

    private const string Read = $"""
        SELECT payload AS PayloadBinary, NULL::text AS PayloadXml, NULL::text AS PayloadJson, now() AS ModifiedOn, version AS Version
        FROM stock_grain_state WHERE {Key}
        """;

    private const string Clear = $"""
        UPDATE stock_grain_state SET payload = NULL, version = version + 1, modified_on = now()
        WHERE {Key} AND version = CAST(@GrainStateVersion AS integer)
        RETURNING version AS NewGrainStateVersion
        """;

    public static async Task CreateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var tables = new NpgsqlCommand(Tables, connection))
        {
            await tables.ExecuteNonQueryAsync();
        }
        foreach (var (key, text) in new[] { ("WriteToStorageKey", Write), ("ReadFromStorageKey", Read), ("ClearStorageKey", Clear) })
        {
            // The statements go in as values: their @names are the provider's parameters, not this command's.
            await using var insert = new NpgsqlCommand("INSERT INTO orleansquery (querykey, querytext) VALUES ($1, $2)", connection);
            insert.Parameters.AddWithValue(key);
            insert.Parameters.AddWithValue(text);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
