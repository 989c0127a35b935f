using System.Diagnostics;

namespace Notifications.GrpcBench;

/// <summary>N workers each send one call, wait for its answer, and send the next, for a fixed time.</summary>
internal static class ClosedLoop
{
    public static async Task<TransportResult> RunAsync(string transport, int concurrency, TimeSpan warmup, TimeSpan duration, Func<long, Task> call)
    {
        await RunPhaseAsync(concurrency, warmup, call, record: null);
        var latencies = new List<double>[concurrency];
        long failures = 0;
        var clock = Stopwatch.StartNew();
        await RunPhaseAsync(concurrency, duration, call, (worker, ms, ok) =>
        {
            (latencies[worker] ??= []).Add(ms);
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        var calls = all.Length - failures;
        return new TransportResult(
            transport, calls, failures, Math.Round(calls / elapsed, 1), Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : Math.Round(all[^1], 2));
    }

    private static async Task RunPhaseAsync(int concurrency, TimeSpan length, Func<long, Task> call, Action<int, double, bool>? record)
    {
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        long sequence = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = true;
                try
                {
                    await call(Interlocked.Increment(ref sequence));
                }
                catch (Exception ex) when (ex is HttpRequestException or Grpc.Core.RpcException or InvalidOperationException)
                {
                    ok = false;
                }

                record?.Invoke(worker, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
            }
        })));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);
}
