using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The Azure profile's grain state: the three silos keep every grain's state in Azure Table on a private Azurite
/// (Storage:GrainState=AzureTable) while the record stores stay in the SQLite file.
/// </summary>
public sealed class AzureTableClusterFixture : ClusterFixture
{
    private AzuriteServer? _azurite;

    public string AzureTableConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    protected override async Task ConfigureAsync(TestClusterBuilder builder)
    {
        _azurite = await AzuriteServer.StartAsync(Path.Combine(RepositoryPaths.Root, "tests", "Notifications.Grains.Tests", "azurite"));
        builder.Properties["Storage:GrainState"] = "AzureTable";
        builder.Properties["Storage:AzureTable:ConnectionString"] = _azurite.ConnectionString;
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
public sealed class AzureTableClusterCollection : ICollectionFixture<AzureTableClusterFixture>
{
    public const string Name = "cluster with grain state on Azure Table";
}
