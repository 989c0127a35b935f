using Notifications.Application;

namespace Notifications.Grpc.Tests.Fakes;

/// <summary>The daily quota is the grains' to count; these tests exercise only the rate, so every reservation is granted.</summary>
internal sealed class UnlimitedDailyQuotaLedger : IDailyQuotaLedger
{
    public Task<int> ReserveAsync(string keyId, long dailyLimit, int wanted, CancellationToken cancellationToken) => Task.FromResult(wanted);
}
