using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Quotas;

/// <summary>
/// Per-producer limits, the same for every protocol: REST answers a refusal 429 with Retry-After, gRPC
/// RESOURCE_EXHAUSTED. Callers without a quota (users, the bootstrap key, unlimited keys) are always allowed.
/// </summary>
public interface IProducerQuota
{
    /// <summary>Takes <paramref name="count"/> requests from the caller's rate and daily quota, or none of them.</summary>
    ValueTask<QuotaDecision> TryAcquireAsync(Caller caller, int count, CancellationToken cancellationToken);
}
