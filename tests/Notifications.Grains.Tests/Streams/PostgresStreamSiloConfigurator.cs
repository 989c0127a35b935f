using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// A silo with the cluster's PostgreSQL database (Storage:Postgres:ConnectionString and the Security:Pii keys from the
/// cluster's configuration) and the PostgreSQL stream provider only; implicit subscriptions need no pub-sub store.
/// The queues are polled every 20 ms and a killed silo is declared dead within seconds, to keep the tests quick.
/// </summary>
public sealed class PostgresStreamSiloConfigurator : ISiloConfigurator
{
    public const int QueueCount = 8;

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.Services.AddSerializer(serializer => serializer.AddNotificationContracts());
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 2;
        });
        siloBuilder.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
        siloBuilder.Services.AddPostgresRecordStores(siloBuilder.Configuration);
        siloBuilder.AddPostgresStreams(StreamTestNames.Provider, options => options.QueueCount = QueueCount, stream =>
        {
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            stream.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20)));
        });
    }
}
