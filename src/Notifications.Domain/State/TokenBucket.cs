namespace Notifications.Domain.State;

/// <summary>
/// A token bucket kept as (tokens, last refill). A new bucket is full. Refill is continuous, so
/// the outcome depends only on the instants of the calls, which keeps replays deterministic.
/// </summary>
public sealed class TokenBucket
{
    public double Tokens { get; set; } = double.NaN;
    public DateTimeOffset LastRefill { get; set; }

    public bool TryTake(DateTimeOffset now, int capacity, double refillPerSecond)
    {
        if (double.IsNaN(Tokens))
        {
            Tokens = capacity;
            LastRefill = now;
        }
        var elapsed = (now - LastRefill).TotalSeconds;
        if (elapsed > 0)
        {
            Tokens = Math.Min(capacity, Tokens + elapsed * refillPerSecond);
            LastRefill = now;
        }
        if (Tokens < 1)
        {
            return false;
        }
        Tokens -= 1;
        return true;
    }
}
