namespace Notifications.Application;

/// <summary>
/// The cluster-wide count of a producer key's requests in the current UTC day. Gateways reserve requests from it
/// in small batches and spend them locally, so only a batch's first request costs a call.
/// </summary>
public interface IDailyQuotaLedger
{
    /// <summary>
    /// Reserves up to <paramref name="wanted"/> of today's requests for key <paramref name="keyId"/> under
    /// <paramref name="dailyLimit"/>; 0 when the day's quota is spent.
    /// </summary>
    Task<int> ReserveAsync(string keyId, long dailyLimit, int wanted, CancellationToken cancellationToken);
}
