using System.Collections.Concurrent;

namespace Notifications.Channels.Fakes;

/// <summary>What a fake should do wrong, set programmatically by a test.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, byte> dead = new(StringComparer.Ordinal);
    private int rateLimited;
    private TimeSpan retryAfter;
    private volatile bool outage;

    /// <summary>Delay before every answer.</summary>
    public TimeSpan Latency { get; set; }

    public bool Outage => outage;

    public void MarkDead(string target) => dead[target] = 0;

    public bool IsDead(string target) => dead.ContainsKey(target);

    /// <summary>The next <paramref name="count"/> sends are answered "too many requests" with this Retry-After.</summary>
    public void RateLimitNext(int count, TimeSpan retryAfter)
    {
        this.retryAfter = retryAfter;
        Volatile.Write(ref rateLimited, count);
    }

    public bool TryTakeRateLimit(out TimeSpan wait)
    {
        wait = retryAfter;
        while (true)
        {
            var left = Volatile.Read(ref rateLimited);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref rateLimited, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>Every send fails with a server error until <see cref="EndOutage"/>.</summary>
    public void StartOutage() => outage = true;

    public void EndOutage() => outage = false;
}
