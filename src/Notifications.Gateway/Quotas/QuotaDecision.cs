namespace Notifications.Gateway.Quotas;

/// <summary>The answer of <see cref="IProducerQuota"/>: allowed, or refused with when to try again and which limit refused.</summary>
public readonly record struct QuotaDecision(bool Allowed, TimeSpan RetryAfter, string? Detail)
{
    public static readonly QuotaDecision Allow = new(true, TimeSpan.Zero, null);

    public static QuotaDecision Refuse(TimeSpan retryAfter, string detail) => new(false, retryAfter, detail);

    /// <summary>Whole seconds, at least one, as the Retry-After header and grpc retry metadata carry them.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
