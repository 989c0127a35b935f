using Azure.Messaging.EventHubs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Notifications.Grains.Campaigns;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers.Streams.AzureQueue;
using Orleans.Runtime;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace Notifications.Gateway.Tests.Cluster;

/// <summary>
/// Good Campaigns:Streams:* settings register Orleans' provider of that kind under the campaign stream's name, with
/// the settings in its options and Orleans' own validators satisfied. The host is built, never started: no Event Hubs
/// namespace or storage account is reached (none runs here), so what is checked is the wiring, not a fake service.
/// </summary>
public sealed class CampaignStreamsRegistrationTests
{
    private const string Storage = "DefaultEndpointsProtocol=https;AccountName=notifications;AccountKey=c2VjcmV0LWFjY291bnQta2V5;EndpointSuffix=core.windows.net";
    private const string EventHub = "Endpoint=sb://notifications.servicebus.windows.net/;SharedAccessKeyName=silo;SharedAccessKey=c2VjcmV0LWh1Yi1rZXk=";

    [Fact]
    public void Event_Hubs_settings_register_the_Event_Hubs_adapter_with_its_Azure_Table_checkpointer_and_receiver_settings()
    {
        using var host = Build(new()
        {
            ["Campaigns:Streams:Provider"] = "EventHubs",
            ["Campaigns:Streams:EventHubs:ConnectionString"] = EventHub,
            ["Campaigns:Streams:EventHubs:EventHubName"] = "campaign-chunks",
            ["Campaigns:Streams:EventHubs:ConsumerGroup"] = "silos",
            ["Campaigns:Streams:EventHubs:Checkpoint:ConnectionString"] = Storage,
            ["Campaigns:Streams:EventHubs:Checkpoint:TableName"] = "ChunkCheckpoints",
            ["Campaigns:Streams:EventHubs:Checkpoint:PersistInterval"] = "00:00:05",
            ["Campaigns:Streams:EventHubs:PrefetchCount"] = "500",
            ["Campaigns:Streams:EventHubs:DataMaxAgeInCache"] = "00:10:00",
        });

        Assert.IsType<EventHubAdapterFactory>(host.Services.GetRequiredKeyedService<IQueueAdapterFactory>(CampaignStreams.ProviderName));
        Assert.NotNull(host.Services.GetKeyedService<IStreamQueueCheckpointerFactory>(CampaignStreams.ProviderName));
        var checkpoint = host.Services.GetRequiredService<IOptionsMonitor<AzureTableStreamCheckpointerOptions>>().Get(CampaignStreams.ProviderName);
        Assert.Equal(("ChunkCheckpoints", TimeSpan.FromSeconds(5), "notifications"), (checkpoint.TableName, checkpoint.PersistInterval, checkpoint.TableServiceClient!.AccountName));
        var receiver = host.Services.GetRequiredService<IOptionsMonitor<EventHubReceiverOptions>>().Get(CampaignStreams.ProviderName);
        // No checkpoint yet = read the partition from its start, so nothing published before the first checkpoint is skipped.
        Assert.Equal((false, (int?)500), (receiver.StartFromNow, receiver.PrefetchCount));
        var cache = host.Services.GetRequiredService<IOptionsMonitor<StreamCacheEvictionOptions>>().Get(CampaignStreams.ProviderName);
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)), (cache.DataMinTimeInCache, cache.DataMaxAgeInCache));
        var connection = host.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get(CampaignStreams.ProviderName);
        Assert.Equal(EventHubsTransportType.AmqpTcp, connection.ConnectionOptions.TransportType);
        Assert.Equal(StreamPubSubType.ImplicitOnly, host.Services.GetRequiredService<IOptionsMonitor<StreamPubSubOptions>>().Get(CampaignStreams.ProviderName).PubSubType);
        ValidateAsOrleansWould(host);
    }

    [Fact]
    public void An_Event_Hubs_namespace_with_the_silos_identity_and_a_hub_named_by_the_connection_strings_EntityPath_are_both_accepted()
    {
        using var byNamespace = Build(new()
        {
            ["Campaigns:Streams:Provider"] = "EventHubs",
            ["Campaigns:Streams:EventHubs:FullyQualifiedNamespace"] = "notifications.servicebus.windows.net",
            ["Campaigns:Streams:EventHubs:EventHubName"] = "campaign-chunks",
            ["Campaigns:Streams:EventHubs:Checkpoint:ServiceUri"] = "https://notifications.table.core.windows.net",
        });
        Assert.IsType<EventHubAdapterFactory>(byNamespace.Services.GetRequiredKeyedService<IQueueAdapterFactory>(CampaignStreams.ProviderName));
        ValidateAsOrleansWould(byNamespace);

        using var byEntityPath = Build(new()
        {
            ["Campaigns:Streams:Provider"] = "EventHubs",
            ["Campaigns:Streams:EventHubs:ConnectionString"] = EventHub + ";EntityPath=campaign-chunks",
            ["Campaigns:Streams:EventHubs:Checkpoint:ConnectionString"] = Storage,
        });
        Assert.IsType<EventHubAdapterFactory>(byEntityPath.Services.GetRequiredKeyedService<IQueueAdapterFactory>(CampaignStreams.ProviderName));
        ValidateAsOrleansWould(byEntityPath);
    }

    [Fact]
    public void Azure_Queue_settings_register_the_Azure_Queue_adapter_over_the_named_queues()
    {
        using var host = Build(new()
        {
            ["Campaigns:Streams:Provider"] = "azurequeue",
            ["Campaigns:Streams:AzureQueue:ConnectionString"] = Storage,
            ["Campaigns:Streams:AzureQueue:QueueNamePrefix"] = "blast",
            ["Campaigns:Streams:AzureQueue:QueueCount"] = "3",
            ["Campaigns:Streams:AzureQueue:MessageVisibilityTimeout"] = "00:01:00",
        });

        Assert.IsType<AzureQueueAdapterFactory>(host.Services.GetRequiredKeyedService<IQueueAdapterFactory>(CampaignStreams.ProviderName));
        var queues = host.Services.GetRequiredService<IOptionsMonitor<AzureQueueOptions>>().Get(CampaignStreams.ProviderName);
        Assert.Equal(["blast-0", "blast-1", "blast-2"], queues.QueueNames);
        Assert.Equal(TimeSpan.FromMinutes(1), queues.MessageVisibilityTimeout);
        Assert.Equal("notifications", queues.QueueServiceClient!.AccountName);
        ValidateAsOrleansWould(host);
    }

    /// <summary>The checks Orleans runs on its options when a silo starts (the ones that need no connection).</summary>
    private static void ValidateAsOrleansWould(IHost host)
    {
        foreach (var validator in host.Services.GetServices<IConfigurationValidator>())
        {
            validator.ValidateConfiguration();
        }
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddCampaignStreams(builder.Configuration));
        return builder.Build();
    }
}
