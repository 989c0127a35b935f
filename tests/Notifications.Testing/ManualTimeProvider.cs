namespace Notifications.Testing;

/// <summary>A clock that moves only when a test says so; timers created on it fire during <see cref="Advance"/>.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>
    /// When set, <see cref="GetTimestamp"/> follows this clock, so elapsed time is what the test advanced; by default
    /// it is the machine's, which is what code measuring its own cost (not a rule of the clock) expects.
    /// </summary>
    public bool ElapsedFollowsClock { get; init; }

    public override long GetTimestamp() => ElapsedFollowsClock ? GetUtcNow().UtcTicks : base.GetTimestamp();

    public override long TimestampFrequency => ElapsedFollowsClock ? TimeSpan.TicksPerSecond : base.TimestampFrequency;

    public void Advance(TimeSpan by) => SetUtcNow(GetUtcNow() + by);

    public void SetUtcNow(DateTimeOffset value)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "Time does not go backwards.");
            }
            _now = value;
            due = _timers.Where(t => t.DueAt <= value).ToList();
        }
        foreach (var timer in due)
        {
            timer.Fire(value);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                _period = period;
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = DateTimeOffset.MaxValue;
                    return true;
                }
                DueAt = owner._now + dueTime;
                owner._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero)
            {
                Fire(owner.GetUtcNow());
            }
            return true;
        }

        public void Fire(DateTimeOffset now)
        {
            lock (owner._lock)
            {
                if (DueAt > now || !owner._timers.Contains(this))
                {
                    return;
                }
                owner._timers.Remove(this);
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    DueAt = now + _period;
                    owner._timers.Add(this);
                }
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
