namespace Notifications.Domain.Users;

public sealed class UserRuleOptions
{
    /// <summary>Burst size of the per-user token bucket for non-critical notifications.</summary>
    public int RateLimitCapacity { get; set; } = 100;
    public double RateLimitRefillPerHour { get; set; } = 100;
    /// <summary>How long notifications over the rate limit are gathered before they go out as one digest.</summary>
    public TimeSpan RateLimitDigestWindow { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Window of a request that names a digest key without a window of its own.</summary>
    public TimeSpan DefaultDigestWindow { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a producer's idempotency key is remembered.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);
}
