namespace Notifications.Gateway.Grpc.Services;

/// <summary>One producer's token bucket; <see cref="ProducerRateLimiter"/> locks it while refilling and taking.</summary>
internal sealed class ProducerBucket(double tokens, long refilledAt)
{
    public double Tokens { get; set; } = tokens;

    public long RefilledAt { get; set; } = refilledAt;
}
