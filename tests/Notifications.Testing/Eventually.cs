using System.Diagnostics;

namespace Notifications.Testing;

/// <summary>
/// Waits for a condition that other threads will make true (a processor committing a batch). It polls the
/// condition, not the clock: the deadline only turns a hang into a clear failure.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Gave up after {limit.TotalSeconds:0}s waiting for: {what}. Last value: {last}");
            }
            await Task.Yield();
            await Task.Delay(10);
        }
    }

    public static Task Until(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        Until(() => Task.FromResult(condition()), ok => ok, what, deadline);
}
