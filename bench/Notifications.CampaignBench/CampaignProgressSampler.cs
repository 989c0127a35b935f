using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Notifications.CampaignBench;

/// <summary>
/// Samples a running campaign once a second without asking the silo (the view's funnel is reused for a while, so its
/// counts lag; <see cref="CampaignViewWatcher"/> asks the silo): recipients processed (their grain's turn committed a
/// notification record for the campaign), read from the silo's database over a read-only connection, the campaign's
/// status row, and the push messages the FCM fake accepted.
/// </summary>
internal sealed class CampaignProgressSampler(string database, Guid campaignId, Func<long> pushAccepted, Func<double> cpuSeconds)
{
    private readonly List<ProgressSample> _samples = [];

    public IReadOnlyList<ProgressSample> Samples => _samples;

    /// <summary>Samples until the campaign is in a final status and <paramref name="pushExpected"/> push messages arrived, or the timeout.</summary>
    public async Task<bool> RunAsync(long pushExpected, TimeSpan timeout)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var processed = connection.CreateCommand();
        processed.CommandText = "SELECT COUNT(*) FROM notifications WHERE campaign_id = $id";
        processed.Parameters.AddWithValue("$id", campaignId.ToString("D"));
        using var status = connection.CreateCommand();
        status.CommandText = "SELECT status FROM campaigns WHERE id = $id";
        status.Parameters.AddWithValue("$id", campaignId.ToString("D"));
        var started = Stopwatch.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await tick.WaitForNextTickAsync())
        {
            var sample = new ProgressSample(
                Stopwatch.GetTimestamp(),
                Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
                (string?)status.ExecuteScalar() ?? "unknown",
                (long)processed.ExecuteScalar()!,
                pushAccepted(),
                cpuSeconds());
            _samples.Add(sample);
            if (sample.Status is "completed" or "cancelled" && sample.PushAccepted >= pushExpected)
            {
                return true;
            }
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Seconds from the start command to the first sample that saw <paramref name="done"/>; null if none did.</summary>
    public double? FirstWhen(Func<ProgressSample, bool> done) => _samples.FirstOrDefault(done)?.Seconds;

    /// <summary>Per-second rates between consecutive samples: recipients processed and push messages accepted.</summary>
    public IEnumerable<object> PerSecond()
    {
        var previous = new ProgressSample(0, 0, "running", 0, 0, 0);
        foreach (var sample in _samples)
        {
            var seconds = Math.Max(0.001, sample.Seconds - previous.Seconds);
            yield return new { t = sample.Seconds, processedPerSecond = Math.Round((sample.Processed - previous.Processed) / seconds), pushPerSecond = Math.Round((sample.PushAccepted - previous.PushAccepted) / seconds), sample.Processed, sample.Status };
            previous = sample;
        }
    }
}

internal sealed record ProgressSample(long Timestamp, double Seconds, string Status, long Processed, long PushAccepted, double CpuSeconds);
