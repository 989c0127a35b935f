using System.Diagnostics;

namespace Notifications.StorageBench;

/// <summary>
/// Runs <c>workers</c> concurrent loops, each starting its next operation when the previous one completed, until
/// the duration is over; the phase ends when the last operation in flight completed.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<PhaseResult> RunAsync(int workers, TimeSpan duration, Func<int, Task> operation)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var counts = new long[workers];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            long done = 0;
            while (watch.Elapsed < duration)
            {
                await operation(worker);
                done++;
            }
            counts[worker] = done;
        })));
        watch.Stop();
        process.Refresh();
        return new PhaseResult(counts.Sum(), watch.Elapsed, process.TotalProcessorTime - cpu);
    }
}
