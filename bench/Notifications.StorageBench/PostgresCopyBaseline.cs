using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Notifications.StorageBench;

/// <summary>
/// The raw ceiling: grain-state-shaped rows (the same ~1 KB payload) streamed with binary COPY, 1000 rows per COPY,
/// each COPY its own committed transaction, into a table like grain_state with its primary key.
/// </summary>
internal static class PostgresCopyBaseline
{
    public static async Task<double> RowsPerSecondAsync(string connectionString, byte[] payload, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("""
            CREATE TABLE copy_baseline (grain_id text NOT NULL, state_name text NOT NULL, version bigint NOT NULL, payload bytea NOT NULL,
                updated_at bigint NOT NULL, PRIMARY KEY (grain_id, state_name))
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        const int RowsPerCopy = 1000;
        long rows = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await using var import = await connection.BeginBinaryImportAsync("COPY copy_baseline (grain_id, state_name, version, payload, updated_at) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < RowsPerCopy; i++, rows++)
            {
                await import.StartRowAsync();
                await import.WriteAsync($"user/{rows}", NpgsqlDbType.Text);
                await import.WriteAsync("user", NpgsqlDbType.Text);
                await import.WriteAsync(1L, NpgsqlDbType.Bigint);
                await import.WriteAsync(payload, NpgsqlDbType.Bytea);
                await import.WriteAsync(rows, NpgsqlDbType.Bigint);
            }
            await import.CompleteAsync();
        }
        return rows / watch.Elapsed.TotalSeconds;
    }
}
