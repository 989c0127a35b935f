using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The cluster profile's Azure Queue fan-out: the three silos carry campaign chunks on Azure Queue storage on a
/// private Azurite (Campaigns:Streams:Provider=AzureQueue) while grain state and records stay in the SQLite file.
/// </summary>
public sealed class AzureQueueClusterFixture : ClusterFixture
{
    public const int QueueCount = 4;

    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(5);

    private AzuriteServer? _azurite;

    public string AzureQueueConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    protected override async Task ConfigureAsync(TestClusterBuilder builder)
    {
        _azurite = await AzuriteServer.StartAsync(Path.Combine(RepositoryPaths.Root, "tests", "Notifications.Grains.Tests", "azurite"), AzuriteService.Queue);
        builder.Properties["Campaigns:Streams:Provider"] = "AzureQueue";
        builder.Properties["Campaigns:Streams:AzureQueue:ConnectionString"] = _azurite.ConnectionString;
        // Each queue is polled by one silo every 100 ms (the default) for the whole suite: four queues keep that load
        // on Azurite, which shares the machine with the other collections' clusters, small.
        builder.Properties["Campaigns:Streams:AzureQueue:QueueCount"] = QueueCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // What a killed silo had read is visible again soon, well within a test's wait.
        builder.Properties["Campaigns:Streams:AzureQueue:MessageVisibilityTimeout"] = VisibilityTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task StopServersAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzureQueueClusterCollection : ICollectionFixture<AzureQueueClusterFixture>
{
    public const string Name = "cluster with the campaign fan-out on Azure Queue";
}
