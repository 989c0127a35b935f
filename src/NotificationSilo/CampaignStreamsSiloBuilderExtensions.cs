using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Grains.Campaigns;
using Notifications.Grains.Hosting;
using NotificationSilo;
using Orleans.Streams;

namespace Orleans.Hosting;

/// <summary>The one place the campaign fan-out's stream provider is chosen (the silo and the grain tests both call it).</summary>
public static class CampaignStreamsSiloBuilderExtensions
{
    /// <summary>
    /// A durable stream provider under <see cref="CampaignStreams.ProviderName"/>, implicit subscriptions only (no
    /// pub-sub store), picked by Campaigns:Streams:Provider. Storage (the default) is the queue in the database that
    /// Storage:Provider names: the SQLite queue in the embedded silo's file, or the PostgreSQL queue every silo of a
    /// cluster shares. AzureQueue and EventHubs are Orleans' own providers on those services. A bad setting registers
    /// nothing and fails the start naming it. Chunks published before a <c>kill -9</c> are delivered after it.
    /// </summary>
    public static ISiloBuilder AddCampaignStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = CampaignStreamSettings.Read(configuration);
        silo.Services.AddConfigurationFailures(settings.Failures);
        if (settings.Failures.Count > 0)
        {
            return silo;
        }
        if (settings.AzureQueueSettings is { } azureQueue)
        {
            return silo.AddAzureQueueCampaignStreams(azureQueue);
        }
        if (settings.EventHubSettings is { } eventHubs)
        {
            return silo.AddEventHubCampaignStreams(eventHubs);
        }
        Action<ISiloPersistentStreamConfigurator> implicitOnly = streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        return StorageSiloBuilderExtensions.IsSqlite(configuration)
            ? silo.AddSqliteStreams(CampaignStreams.ProviderName, configureStream: implicitOnly)
            : silo.AddPostgresStreams(CampaignStreams.ProviderName, configureStream: implicitOnly);
    }

    /// <summary>
    /// Orleans' Azure Queue provider: a message is deleted only once its chunk's consumer has returned from
    /// OnNextAsync, so a silo that dies with messages read leaves them to reappear after the visibility timeout.
    /// </summary>
    private static ISiloBuilder AddAzureQueueCampaignStreams(this ISiloBuilder silo, AzureQueueStreamSettings settings)
    {
        silo.Services.AddSingleton<IValidateOptions<SiloOptions>, AzureQueueChunkSizeValidator>();
        return silo.AddAzureQueueStreams(CampaignStreams.ProviderName, streams =>
        {
            streams.ConfigureAzureQueue(options => options.Configure(queue =>
            {
                queue.QueueServiceClient = settings.Client;
                queue.QueueNames = [.. settings.QueueNames];
                queue.MessageVisibilityTimeout = settings.VisibilityTimeout;
            }));
            streams.ConfigureCacheSize(settings.CacheSize);
            streams.ConfigurePullingAgent(options => options.Configure(agent => agent.GetQueueMsgsTimerPeriod = settings.PollInterval));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }

    /// <summary>
    /// Orleans' Event Hubs provider, one pulling agent per partition, each partition's position checkpointed in Azure
    /// Table: a silo that dies leaves its partitions to be read again from their last checkpoint (the sends are
    /// idempotent per campaign and user, so what is read twice is a duplicate to the user's grain).
    /// </summary>
    private static ISiloBuilder AddEventHubCampaignStreams(this ISiloBuilder silo, EventHubStreamSettings settings) =>
        silo.AddEventHubStreams(CampaignStreams.ProviderName, streams =>
        {
            streams.ConfigureEventHub(options => options.Configure(settings.Connect));
            streams.UseAzureTableCheckpointer(options => options.Configure(checkpoint =>
            {
                checkpoint.TableServiceClient = settings.CheckpointClient;
                checkpoint.TableName = settings.CheckpointTable;
                checkpoint.PersistInterval = settings.CheckpointInterval;
            }));
            streams.ConfigurePartitionReceiver(options => options.Configure(receiver =>
            {
                receiver.StartFromNow = settings.StartFromNow;
                receiver.PrefetchCount = settings.PrefetchCount;
            }));
            streams.ConfigureCacheEviction(options => options.Configure(cache =>
            {
                cache.DataMinTimeInCache = settings.MinTimeInCache;
                cache.DataMaxAgeInCache = settings.MaxAgeInCache;
            }));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
}
