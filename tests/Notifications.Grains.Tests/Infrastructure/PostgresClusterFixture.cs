using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The same three silos on the cluster profile's storage: a private PostgreSQL server (one database for the cluster)
/// holding grain state, reminders and every record store, with configured personal-data keys as that profile requires.
/// </summary>
public sealed class PostgresClusterFixture : ClusterFixture
{
    private PostgresServer? _server;

    protected override async Task ConfigureAsync(TestClusterBuilder builder)
    {
        var properties = builder.Properties;
        _server = await PostgresServer.StartAsync();
        properties["Storage:Provider"] = "Postgres";
        properties["Storage:Postgres:ConnectionString"] = await _server.CreateDatabaseAsync("cluster");
        foreach (var (key, value) in PiiTestKeys.Settings())
        {
            properties[key] = value;
        }
    }

    protected override async Task StopServersAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-cluster";
}
