using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>A token bucket per API key for producer calls; a producer over its rate gets RESOURCE_EXHAUSTED, not a queue.</summary>
internal sealed class ProducerRateLimiter(IOptions<NotificationGrpcOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ProducerBucket> _buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string producer)
    {
        var settings = options.Value;
        if (settings.ProducerCallsPerSecond <= 0)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd(producer, _ => new ProducerBucket(settings.ProducerBurst, timeProvider.GetTimestamp()));
        lock (bucket)
        {
            var now = timeProvider.GetTimestamp();
            var elapsed = timeProvider.GetElapsedTime(bucket.RefilledAt, now);
            bucket.Tokens = Math.Min(settings.ProducerBurst, bucket.Tokens + (elapsed.TotalSeconds * settings.ProducerCallsPerSecond));
            bucket.RefilledAt = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }
}
