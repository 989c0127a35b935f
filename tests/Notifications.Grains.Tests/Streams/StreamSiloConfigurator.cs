using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// A silo with the SQLite file (Storage:Sqlite:Path from the cluster's configuration) and the SQLite stream provider
/// only (and the contract serializer the product's grain interfaces, loaded with this assembly, need); implicit
/// subscriptions need no pub-sub store. The queues are polled every 20 ms, a killed silo is declared dead within
/// seconds and a call to a grain that died with it fails after 5 s, to keep the tests quick.
/// </summary>
public sealed class StreamSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddSerializer(serializer => serializer.AddNotificationContracts());
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 2;
        });
        siloBuilder.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
        siloBuilder.Services.AddSqliteRecordStores(siloBuilder.Configuration);
        siloBuilder.AddSqliteStreams(StreamTestNames.Provider, options => options.QueueCount = 4, stream =>
        {
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            stream.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20)));
        });
    }
}
