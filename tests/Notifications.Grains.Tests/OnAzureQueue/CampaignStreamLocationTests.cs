using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Campaigns;
using Notifications.Grains.Tests.Infrastructure;
using Orleans.Providers.Streams.AzureQueue;
using Orleans.Streams;

namespace Notifications.Grains.Tests.OnAzureQueue;

/// <summary>Campaigns:Streams:Provider=AzureQueue puts the fan-out on Azure Queue storage on every silo, in the queues its settings name.</summary>
[Collection(AzureQueueClusterCollection.Name)]
public sealed class CampaignStreamLocationTests(AzureQueueClusterFixture cluster)
{
    [Fact]
    public async Task Every_silo_carries_the_campaign_stream_on_Orleans_Azure_Queue_provider_over_the_queues_its_settings_name()
    {
        for (var silo = 0; silo < ClusterFixture.SiloCount; silo++)
        {
            Assert.IsType<AzureQueueAdapterFactory>(cluster.Silo(silo).Services.GetRequiredKeyedService<IQueueAdapterFactory>(CampaignStreams.ProviderName));
        }
        var names = new List<string>();
        await foreach (var queue in new QueueServiceClient(cluster.AzureQueueConnectionString).GetQueuesAsync(prefix: "campaigns-"))
        {
            names.Add(queue.Name);
        }
        Assert.Equal(Enumerable.Range(0, AzureQueueClusterFixture.QueueCount).Select(i => $"campaigns-{i}"), names.Order(StringComparer.Ordinal));
    }
}
