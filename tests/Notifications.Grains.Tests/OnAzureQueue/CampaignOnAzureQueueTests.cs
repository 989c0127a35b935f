using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests.OnAzureQueue;

/// <summary>The campaign scenarios with their chunks on Azure Queue storage (Azurite): each recipient once, the progress exact.</summary>
[Collection(AzureQueueClusterCollection.Name)]
public sealed class CampaignOnAzureQueueTests(AzureQueueClusterFixture cluster) : CampaignTests(cluster);
