using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// A silo with the SQLite file (Storage:Sqlite:Path from the cluster's configuration) and the SQLite stream provider
/// only (and the contract serializer the product's grain interfaces, loaded with this assembly, need); implicit
/// subscriptions need no pub-sub store. The queues are polled every 20 ms (and see <see cref="FastFailover"/>).
/// </summary>
public sealed class StreamSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseStreamTestDefaults();
        siloBuilder.Services.AddSqliteRecordStores(siloBuilder.Configuration);
        siloBuilder.AddSqliteStreams(StreamTestNames.Provider, options => options.QueueCount = 4, stream =>
        {
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            stream.ConfigurePullingAgent(agent => agent.Configure(options => options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20)));
        });
    }
}
