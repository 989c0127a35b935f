using Orleans.Hosting;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// A silo with the campaign stream provider as the product registers it (AddCampaignStreams, here with
/// Campaigns:Streams:Provider=AzureQueue from the cluster's configuration) and nothing else; the recording consumer
/// subscribes implicitly by namespace, whichever provider carries the stream.
/// </summary>
public sealed class AzureQueueStreamSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.UseStreamTestDefaults();
        siloBuilder.AddCampaignStreams(siloBuilder.Configuration);
    }
}
