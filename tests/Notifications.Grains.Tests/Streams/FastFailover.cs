using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// What every stream suite's silo needs besides its provider: the contract serializer the product's grain interfaces
/// (loaded with this assembly) need, a killed silo declared dead within seconds, and a call to a grain that died with
/// it failing after 5 s, to keep the tests quick.
/// </summary>
internal static class FastFailover
{
    public static ISiloBuilder UseStreamTestDefaults(this ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddSerializer(serializer => serializer.AddNotificationContracts());
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 2;
        });
        return siloBuilder.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}
