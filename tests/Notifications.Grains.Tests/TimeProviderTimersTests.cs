using Notifications.Grains.Timing;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>
/// A timer for an instant must fire at that instant, even when the clock moves on while the timer is being made
/// (another thread advancing a test's clock; the process paused): a timer made for a wait computed before the move
/// fires late by as much, and a test that advances the clock exactly to the instant would wait for ever.
/// </summary>
public sealed class TimeProviderTimersTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void The_timer_fires_at_the_instant_and_not_before_whether_or_not_the_clock_moved_while_it_was_made(int movedSeconds)
    {
        var clock = new ClockMovingWhileATimerIsMade(_clock, TimeSpan.FromSeconds(movedSeconds));
        var fired = 0;
        using var timer = clock.CreateTimerAt(() => fired++, Start.AddSeconds(10));

        Assert.Equal(Start.AddSeconds(movedSeconds), _clock.GetUtcNow());
        _clock.SetUtcNow(Start.AddSeconds(10).AddMilliseconds(-1));
        Assert.Equal(0, fired);
        _clock.SetUtcNow(Start.AddSeconds(10));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void A_clock_that_moved_past_the_instant_while_the_timer_was_made_fires_it_at_once()
    {
        var clock = new ClockMovingWhileATimerIsMade(_clock, TimeSpan.FromSeconds(30));
        var fired = 0;
        using var timer = clock.CreateTimerAt(() => fired++, Start.AddSeconds(10));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void An_instant_already_past_fires_at_once()
    {
        var fired = 0;
        using var timer = _clock.CreateTimerAt(() => fired++, Start.AddSeconds(-5));

        Assert.Equal(1, fired);
    }

    /// <summary>Moves the clock on just before the first timer is made, as a thread advancing it at that moment would.</summary>
    private sealed class ClockMovingWhileATimerIsMade(ManualTimeProvider clock, TimeSpan move) : TimeProvider
    {
        private bool _moved;

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (!_moved)
            {
                _moved = true;
                clock.Advance(move);
            }
            return clock.CreateTimer(callback, state, dueTime, period);
        }
    }
}
