using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests.OnAzureTable;

/// <summary>The same guarantees with every grain's state on Azure Table (Azurite).</summary>
[Collection(AzureTableClusterCollection.Name)]
public sealed class IdempotencyOnAzureTableTests(AzureTableClusterFixture cluster) : IdempotencyTests(cluster);
