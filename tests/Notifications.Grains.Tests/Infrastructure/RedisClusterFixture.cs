using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The cluster profile's membership: three silos on a private redis-server (Cluster:Provider=Redis), with reminders
/// there too, instead of the test membership that lives on the primary silo. Any silo may die.
/// </summary>
public sealed class RedisClusterFixture : ClusterFixture
{
    private RedisServer? _redis;

    protected override async Task ConfigureAsync(TestClusterBuilder builder)
    {
        _redis = await RedisServer.StartAsync();
        builder.Options.UseTestClusterMembership = false;
        builder.Properties["Cluster:Provider"] = "Redis";
        builder.Properties["Cluster:Redis:ConnectionString"] = _redis.ConnectionString;
    }

    protected override async Task StopServersAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "cluster on Redis";
}
