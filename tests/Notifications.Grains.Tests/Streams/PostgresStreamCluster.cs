using Notifications.Testing;
using Npgsql;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>A test cluster of <see cref="PostgresStreamSiloConfigurator"/> silos sharing one PostgreSQL database.</summary>
public sealed class PostgresStreamCluster : IAsyncDisposable
{
    private readonly string _connectionString;

    private PostgresStreamCluster(TestCluster cluster, string connectionString)
    {
        Cluster = cluster;
        _connectionString = connectionString;
    }

    public TestCluster Cluster { get; }

    public static async Task<PostgresStreamCluster> StartAsync(string connectionString, int silos)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties["Storage:Postgres:ConnectionString"] = connectionString;
        foreach (var (key, value) in PiiTestKeys.Settings())
        {
            builder.Properties[key] = value;
        }
        builder.AddSiloBuilderConfigurator<PostgresStreamSiloConfigurator>();
        builder.AddClientBuilderConfigurator<Infrastructure.ContractClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PostgresStreamCluster(cluster, connectionString);
    }

    /// <summary>
    /// Waits until every silo runs pulling agents and together they run one per queue: the queue balancer has
    /// settled after the silos joined, so no queue changes hands (and redelivers) during the test.
    /// </summary>
    public Task WaitForBalancedAgentsAsync() =>
        Eventually.Until(async () =>
        {
            var counts = await Cluster.GrainFactory.GetGrain<IManagementGrain>(0)
                .SendControlCommandToProvider<PersistentStreamProvider>(StreamTestNames.Provider, (int)PersistentStreamProviderCommand.GetNumberRunningAgents);
            return counts.Select(count => Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }, counts => counts.Count == Cluster.Silos.Count && counts.All(count => count > 0) && counts.Sum() == PostgresStreamSiloConfigurator.QueueCount,
        $"{PostgresStreamSiloConfigurator.QueueCount} pulling agents spread over {Cluster.Silos.Count} silos");

    public static Task PublishOnAsync(SiloHandle silo, string streamKey, int from, int count) =>
        silo.PublishFromAsync(StreamTestNames.Provider, streamKey, from, count);

    public Task KillSecondaryAsync() => Cluster.KillSecondarySiloAsync();

    /// <summary>Queue rows not yet acknowledged, read from the database itself.</summary>
    public async Task<long> PendingRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM stream_messages", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
