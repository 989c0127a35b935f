namespace Notifications.Grains.Timing;

internal static class TimeProviderTimers
{
    /// <summary>A clock that moved on by less than this while a timer was made is taken to have stood still.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// A one-shot timer that fires at <paramref name="due"/>, or at once if that has passed. A timer is made for a
    /// wait, which starts when the timer is made, not when the clock was read to compute it: a clock that moves on
    /// in between (a test's manual clock advanced by another thread, a pause of the process) would make it fire late
    /// by as much. So the clock is read again once the timer exists, and a timer made from a stale reading is made
    /// again from a fresh one.
    /// </summary>
    public static ITimer CreateTimerAt(this TimeProvider time, Action callback, DateTimeOffset due)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var timer = time.CreateTimer(_ => callback(), null, due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            if (due <= now || time.GetUtcNow() - now < Settled)
            {
                return timer;
            }
            timer.Dispose();
        }
    }
}
