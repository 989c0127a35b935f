using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests;

/// <summary>Every campaign scenario again with the silos on PostgreSQL (Storage:Provider=Postgres), as the cluster profile runs them.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresCampaignTests(PostgresClusterFixture cluster) : CampaignTests(cluster);
