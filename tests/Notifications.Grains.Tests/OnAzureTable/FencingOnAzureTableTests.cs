using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests.OnAzureTable;

/// <summary>The same guarantees with every grain's state on Azure Table (Azurite).</summary>
[Collection(AzureTableClusterCollection.Name)]
public sealed class FencingOnAzureTableTests(AzureTableClusterFixture cluster) : FencingTests(cluster)
{
    protected override bool ReportsStoredETag => false;
}
