using Npgsql;

namespace Notifications.ClusterBench;

/// <summary>
/// What the server did for a database, as counters to subtract: transactions committed (<c>xact_commit</c>, read-only
/// ones included; each writing one is a WAL flush with fsync on, which is what bounds a commit-bound store) and bytes of
/// WAL written (the whole server's; the bench is its only client).
/// </summary>
internal sealed record PostgresActivity(long Transactions, long WalBytes)
{
    public static async Task<PostgresActivity> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Backends report their transactions to the statistics at most once a second (and when idle): the snapshot is
        // cleared so this read sees the latest report, and the one-second blur is small against a 15-second window.
        await using var command = new NpgsqlCommand("""
            SELECT pg_stat_clear_snapshot();
            SELECT xact_commit, pg_current_wal_lsn() - '0/0'::pg_lsn FROM pg_stat_database WHERE datname = current_database()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new PostgresActivity(reader.GetInt64(0), (long)reader.GetDecimal(1));
    }

    public static PostgresActivity operator -(PostgresActivity after, PostgresActivity before) =>
        new(after.Transactions - before.Transactions, after.WalBytes - before.WalBytes);
}
