namespace Notifications.Channels.Resilience;

/// <summary>Per-provider bulkhead settings: a local rate limit and a circuit breaker.</summary>
public sealed class ChannelResilienceOptions
{
    /// <summary>Requests per second allowed towards the provider; 0 turns the limiter off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests allowed in one burst above the steady rate.</summary>
    public int Burst { get; set; } = 1;

    /// <summary>Callers allowed to wait for a permit; beyond that they are told to come back later.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one probe is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<string> Validate(string section)
    {
        if (PermitsPerSecond < 0)
        {
            yield return $"{section}:Resilience:PermitsPerSecond must be 0 (no limit) or positive.";
        }

        if (PermitsPerSecond > 0 && Burst < 1)
        {
            yield return $"{section}:Resilience:Burst must be at least 1.";
        }

        if (QueueLimit < 0)
        {
            yield return $"{section}:Resilience:QueueLimit must not be negative.";
        }

        if (FailureRatio is <= 0 or > 1)
        {
            yield return $"{section}:Resilience:FailureRatio must be in (0, 1].";
        }

        if (MinimumThroughput < 2)
        {
            yield return $"{section}:Resilience:MinimumThroughput must be at least 2.";
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{section}:Resilience:SamplingDuration must be at least 00:00:00.5.";
        }

        if (BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{section}:Resilience:BreakDuration must be at least 00:00:00.5.";
        }
    }
}
