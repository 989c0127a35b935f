using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Notifications.Api;
using Notifications.Application;
using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Quotas;

/// <summary>
/// The rate is a <see cref="TokenBucketRateLimiter"/> per key on this silo: it sheds load where it arrives and
/// costs no coordination. The daily quota is counted cluster-wide by <see cref="IDailyQuotaLedger"/>; this silo
/// reserves it in batches (<see cref="BatchOf"/>) and spends them locally, so only a batch's first request waits
/// for the ledger. What a silo reserved but did not spend by midnight is lost, at most one batch per silo.
/// </summary>
internal sealed class ProducerQuotas(IDailyQuotaLedger ledger, TimeProvider time) : IProducerQuota, IDisposable
{
    /// <summary>The most one silo reserves at once: bounds what another silo may be short of at the end of a day.</summary>
    internal const int MaxBatch = 100;

    private readonly ConcurrentDictionary<string, KeyLimits> _keys = new(StringComparer.Ordinal);

    public async ValueTask<QuotaDecision> TryAcquireAsync(Caller caller, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (caller.ApiKeyId is not { } keyId || caller.Quota is not { } quota)
        {
            return QuotaDecision.Allow;
        }
        var limits = _keys.AddOrUpdate(keyId, static (_, q) => new KeyLimits(q), static (_, existing, q) => existing.Quota == q ? existing : new KeyLimits(q), quota);

        RateLimitLease? lease = null;
        if (limits.Rate is { } rate)
        {
            lease = rate.AttemptAcquire(count);
            if (!lease.IsAcquired)
            {
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                lease.Dispose();
                return QuotaDecision.Refuse(wait, $"The key's rate of {quota.RequestsPerSecond} requests per second (burst {limits.BurstSize}) is used up.");
            }
        }
        using (lease)
        {
            if (quota.RequestsPerDay is not { } daily || await TakeDailyAsync(keyId, limits, daily, count, cancellationToken).ConfigureAwait(false))
            {
                return QuotaDecision.Allow;
            }
            var now = time.GetUtcNow();
            var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            return QuotaDecision.Refuse(midnight - now, $"The key's daily quota of {daily} requests is used up; it resets at 00:00 UTC.");
        }
    }

    public void Dispose()
    {
        foreach (var limits in _keys.Values)
        {
            limits.Rate?.Dispose();
        }
    }

    /// <summary>A batch small enough that a small quota is counted nearly exactly, and at most <see cref="MaxBatch"/>.</summary>
    internal static int BatchOf(long dailyLimit) => (int)Math.Clamp(dailyLimit / 1000, 1, MaxBatch);

    private async ValueTask<bool> TakeDailyAsync(string keyId, KeyLimits limits, long daily, int count, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (limits.TrySpend(today, count))
        {
            return true;
        }
        // Reserved together with what is still on hand would be lost at the day's end; a reservation covers this request.
        var granted = await ledger.ReserveAsync(keyId, daily, Math.Max(BatchOf(daily), count), cancellationToken).ConfigureAwait(false);
        return limits.AddAndSpend(today, granted, count);
    }

    /// <summary>One key's limiter and the part of today's quota this silo holds.</summary>
    private sealed class KeyLimits
    {
        private readonly Lock _gate = new();
        private DateOnly _day;
        private long _onHand;

        public KeyLimits(ProducerQuota quota)
        {
            Quota = quota;
            if (quota.RequestsPerSecond is { } perSecond)
            {
                BurstSize = quota.Burst ?? perSecond;
                Rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = BurstSize,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }
        }

        public ProducerQuota Quota { get; }

        public int BurstSize { get; }

        public TokenBucketRateLimiter? Rate { get; }

        public bool TrySpend(DateOnly today, int count)
        {
            lock (_gate)
            {
                if (_day != today)
                {
                    _day = today;
                    _onHand = 0;
                }
                if (_onHand < count)
                {
                    return false;
                }
                _onHand -= count;
                return true;
            }
        }

        public bool AddAndSpend(DateOnly today, int granted, int count)
        {
            lock (_gate)
            {
                if (_day != today)
                {
                    _day = today;
                    _onHand = 0;
                }
                _onHand += granted;
                if (_onHand < count)
                {
                    return false;
                }
                _onHand -= count;
                return true;
            }
        }
    }
}
