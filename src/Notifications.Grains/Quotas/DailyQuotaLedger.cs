using Notifications.Grains;

namespace Notifications.Application;

internal sealed class DailyQuotaLedger(IGrainFactory grains) : IDailyQuotaLedger
{
    public Task<int> ReserveAsync(string keyId, long dailyLimit, int wanted, CancellationToken cancellationToken) =>
        grains.GetGrain<IProducerQuotaGrain>(keyId).ReserveAsync(dailyLimit, wanted).WaitAsync(cancellationToken);
}
