using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Notifications.LoadGenerator;

/// <summary>
/// The raw rate of the disk and engine the silo runs on, measured in the same run: 1000-row transactions of
/// small rows (WAL, same synchronous mode). The silo's throughput is reported as a ratio to it.
/// </summary>
internal static class SqliteBaseline
{
    public static double BatchedRowsPerSecond(string directory, string synchronous, TimeSpan duration)
    {
        var path = Path.Combine(directory, $"baseline-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, $"PRAGMA synchronous = {synchronous}");
            Execute(connection, "CREATE TABLE rows (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO rows (user_id, body, at) VALUES ($u, $b, $a)";
            var user = insert.Parameters.Add("$u", SqliteType.Text);
            var body = insert.Parameters.Add("$b", SqliteType.Text);
            var at = insert.Parameters.Add("$a", SqliteType.Integer);
            long rows = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < 1000; i++, rows++)
                {
                    user.Value = "user-" + (rows % 100_000);
                    body.Value = "Benchmark notification body " + rows;
                    at.Value = rows;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return rows / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(directory, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
