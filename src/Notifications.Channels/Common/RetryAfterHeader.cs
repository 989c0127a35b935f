using System.Net.Http.Headers;

namespace Notifications.Channels.Common;

internal static class RetryAfterHeader
{
    /// <summary>Reads Retry-After as either delta-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider time)
    {
        RetryConditionHeaderValue? value = response.Headers.RetryAfter;
        if (value is null)
        {
            return null;
        }

        if (value.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
