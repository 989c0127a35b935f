using Notifications.Grains.Hosting;

namespace Notifications.Grains.Delivery;

/// <summary>Exponential backoff with ±20% jitter, never sooner than a provider's Retry-After.</summary>
internal static class RetryPolicy
{
    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, DeliveryOptions options, Random random)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        var jittered = capped * (0.8 + (random.NextDouble() * 0.4));
        var delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } providerSaid && providerSaid > delay ? providerSaid : delay;
    }
}
