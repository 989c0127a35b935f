namespace Notifications.Domain.State;

/// <summary>
/// A token bucket kept as (tokens, last refill); a bucket never used is full. Refill is continuous, so
/// the outcome depends only on the instants of the calls, which keeps replays deterministic.
/// </summary>
public sealed class TokenBucket
{
    public double Tokens { get; set; }
    public DateTimeOffset? LastRefill { get; set; }

    public bool TryTake(DateTimeOffset now, int capacity, double refillPerSecond)
    {
        if (LastRefill is not { } last)
        {
            Tokens = capacity;
            LastRefill = now;
        }
        else if (now > last)
        {
            Tokens = Math.Min(capacity, Tokens + (now - last).TotalSeconds * refillPerSecond);
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
