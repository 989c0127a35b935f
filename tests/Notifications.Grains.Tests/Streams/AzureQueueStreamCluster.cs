using Azure.Storage.Queues;
using Notifications.Grains.Campaigns;
using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// A test cluster of <see cref="AzureQueueStreamSiloConfigurator"/> silos on one Azurite queue service, on the
/// queues {prefix}-0 … {prefix}-{QueueCount-1}; several clusters in turn may use the same queues.
/// </summary>
public sealed class AzureQueueStreamCluster : IAsyncDisposable
{
    public const int QueueCount = 4;

    /// <summary>Short, so the messages a killed silo had read are soon visible to the others again.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(3);

    private AzureQueueStreamCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public static async Task<AzureQueueStreamCluster> StartAsync(AzuriteServer azurite, string queuePrefix, int silos = 1)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        foreach (var (key, value) in Settings(azurite, queuePrefix))
        {
            builder.Properties[key] = value;
        }
        builder.AddSiloBuilderConfigurator<AzureQueueStreamSiloConfigurator>();
        builder.AddClientBuilderConfigurator<Infrastructure.ContractClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new AzureQueueStreamCluster(cluster);
    }

    public static Dictionary<string, string> Settings(AzuriteServer azurite, string queuePrefix) => new()
    {
        ["Campaigns:Streams:Provider"] = "AzureQueue",
        ["Campaigns:Streams:AzureQueue:ConnectionString"] = azurite.ConnectionString,
        ["Campaigns:Streams:AzureQueue:QueueNamePrefix"] = queuePrefix,
        ["Campaigns:Streams:AzureQueue:QueueCount"] = QueueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Campaigns:Streams:AzureQueue:MessageVisibilityTimeout"] = VisibilityTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Campaigns:Streams:AzureQueue:PollInterval"] = "00:00:00.020",
    };

    public static Task PublishOnAsync(SiloHandle silo, string streamKey, int from, int count) =>
        silo.PublishFromAsync(CampaignStreams.ProviderName, streamKey, from, count);

    public Task KillAsync() => Cluster.KillEverySiloAsync();

    public Task KillSecondaryAsync() => Cluster.KillSecondarySiloAsync();

    /// <summary>Messages still in the queues, visible or read and not yet deleted, as Azure itself counts them.</summary>
    public static async Task<int> PendingMessagesAsync(AzuriteServer azurite, string queuePrefix)
    {
        var service = new QueueServiceClient(azurite.ConnectionString);
        var total = 0;
        for (var i = 0; i < QueueCount; i++)
        {
            var queue = service.GetQueueClient($"{queuePrefix}-{i}");
            if (await queue.ExistsAsync())
            {
                total += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }
        }
        return total;
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
