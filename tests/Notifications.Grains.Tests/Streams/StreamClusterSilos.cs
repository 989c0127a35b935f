using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>What every stream test cluster does to its silos, whichever queue its stream provider uses.</summary>
internal static class StreamClusterSilos
{
    /// <summary>Stops every silo without a graceful shutdown: pulling agents, receivers and caches vanish as in <c>kill -9</c>.</summary>
    public static async Task KillEverySiloAsync(this TestCluster cluster)
    {
        foreach (var silo in cluster.Silos.ToList())
        {
            await cluster.KillSiloAsync(silo);
        }
    }

    /// <summary>Kills one secondary silo without a graceful shutdown (the test membership lives on the primary, which must survive).</summary>
    public static async Task KillSecondarySiloAsync(this TestCluster cluster)
    {
        var secondary = cluster.SecondarySilos[0];
        await cluster.KillSiloAsync(secondary);
        await secondary.DisposeAsync();
    }

    /// <summary>Publishes "{streamKey}/{i}" for i in [from, from + count) from inside <paramref name="silo"/>, one event per call.</summary>
    public static async Task PublishFromAsync(this SiloHandle silo, string providerName, string streamKey, int from, int count)
    {
        var provider = ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredKeyedService<IStreamProvider>(providerName);
        var stream = provider.GetStream<string>(StreamId.Create(StreamTestNames.Namespace, streamKey));
        for (var i = from; i < from + count; i++)
        {
            await stream.OnNextAsync($"{streamKey}/{i}");
        }
    }
}
