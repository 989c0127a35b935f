using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// A silo with the campaign stream provider as the product registers it (AddCampaignStreams, here with
/// Campaigns:Streams:Provider=AzureQueue from the cluster's configuration) and nothing else; the recording consumer
/// subscribes implicitly by namespace, whichever provider carries the stream. A killed silo is declared dead within
/// seconds and a call to a grain that died with it fails after 5 s, to keep the tests quick.
/// </summary>
public sealed class AzureQueueStreamSiloConfigurator : ISiloConfigurator
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
        siloBuilder.AddCampaignStreams(siloBuilder.Configuration);
    }
}
