using Microsoft.Data.Sqlite;

namespace Notifications.LoadGenerator;

/// <summary>
/// End-to-end figures read from the silo's own database after the run: each inbox row carries the instant its
/// batch was processed, each notification the instant it was accepted, so latency is measured by the silo's
/// clock at both ends with no client-side guessing.
/// </summary>
internal static class ProcessedReport
{
    /// <summary>
    /// Commands acknowledged but not yet processed. The previous runtime acknowledged an append to its command
    /// streams and processed it later; the Orleans silo acknowledges a committed turn, so it has no such table.
    /// </summary>
    public static long PendingCommands(string database)
    {
        using var connection = Open(database);
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'commands'";
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return 0;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM commands";
        return (long)command.ExecuteScalar()!;
    }

    public static EndToEnd Read(string database, long fromMs)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT n.priority, i.created_at - n.created_at, i.created_at
            FROM inbox i JOIN notifications n ON n.id = i.id
            WHERE n.created_at >= $from
            """;
        command.Parameters.AddWithValue("$from", fromMs);
        var latencies = new Dictionary<int, List<long>>();
        var processedTimes = new List<long>();
        long first = long.MaxValue, last = 0, count = 0, heldBack;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var lane = reader.GetInt32(0);
                (latencies.TryGetValue(lane, out var list) ? list : latencies[lane] = []).Add(reader.GetInt64(1));
                var processedAt = reader.GetInt64(2);
                processedTimes.Add(processedAt);
                first = Math.Min(first, processedAt);
                last = Math.Max(last, processedAt);
                count++;
            }
        }
        // Notifications a grain held back (rate-limited into a digest, deferred) were processed too, just not
        // into the inbox yet: they count as processed; latency is measured on those that reached the inbox.
        using var all = connection.CreateCommand();
        all.CommandText = "SELECT COUNT(*), COALESCE(SUM(status <> 'dispatched'), 0) FROM notifications WHERE created_at >= $from";
        all.Parameters.AddWithValue("$from", fromMs);
        using (var reader = all.ExecuteReader())
        {
            reader.Read();
            heldBack = reader.GetInt64(1);
            count = Math.Max(count, reader.GetInt64(0));
        }
        var seconds = Math.Max(0.001, (last - first) / 1000.0);
        string[] lanes = ["critical", "high", "normal", "bulk"];
        return new EndToEnd(count, heldBack, Math.Round(count / seconds), Timeline(processedTimes, first), latencies.OrderBy(kv => kv.Key).ToDictionary(kv => lanes[kv.Key], kv => Percentiles(kv.Value)));
    }

    /// <summary>
    /// Inbox rows per second in each 5 s of the run: a rate that sinks as the run goes on shows up here, where the
    /// average hides it.
    /// </summary>
    private static long[] Timeline(List<long> processedTimes, long first)
    {
        const long bucketMs = 5000;
        if (processedTimes.Count == 0)
        {
            return [];
        }
        var buckets = new long[(processedTimes.Max() - first) / bucketMs + 1];
        foreach (var at in processedTimes)
        {
            buckets[(at - first) / bucketMs]++;
        }
        return [.. buckets.Select(count => count * 1000 / bucketMs)];
    }

    private static LaneLatency Percentiles(List<long> values)
    {
        values.Sort();
        long At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        return new LaneLatency(values.Count, At(0.50), At(0.90), At(0.99), values[^1]);
    }

    internal sealed record EndToEnd(long Processed, long HeldBack, double ProcessedPerSecond, long[] PerSecondEach5s, Dictionary<string, LaneLatency> LatencyMs);

    internal sealed record LaneLatency(int Count, long P50, long P90, long P99, long Max);

    /// <summary>When the silo accepted a notification and wrote its inbox row (Unix ms), or null if it has no inbox row.</summary>
    public static (long AcceptedAtMs, long InboxAtMs)? Stages(string database, Guid id)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT n.created_at, i.created_at FROM notifications n JOIN inbox i ON i.id = n.id WHERE n.id = $id";
        command.Parameters.AddWithValue("$id", id.ToString("D"));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
