using Microsoft.Data.Sqlite;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Streams;

/// <summary>A test cluster of <see cref="StreamSiloConfigurator"/> silos on one SQLite file; several in turn may use the same file.</summary>
public sealed class StreamCluster : IAsyncDisposable
{
    private StreamCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public static async Task<StreamCluster> StartAsync(string databasePath, int silos = 1)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties["Storage:Sqlite:Path"] = databasePath;
        builder.Properties["Storage:Sqlite:Synchronous"] = "NORMAL";
        builder.Properties["Storage:Sqlite:CacheSizeMb"] = "16";
        builder.AddSiloBuilderConfigurator<StreamSiloConfigurator>();
        builder.AddClientBuilderConfigurator<Infrastructure.ContractClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StreamCluster(cluster);
    }

    public Task PublishAsync(string streamKey, int from, int count) =>
        Cluster.GrainFactory.GetGrain<IStreamProducerGrain>(Random.Shared.NextInt64()).PublishAsync(streamKey, from, count);

    /// <summary>
    /// Publishes while the cluster may still be learning that a silo died: a call that fails (its producer was placed
    /// on the dead silo) is made again with another producer. Events of the failed call may then be queued twice,
    /// which at-least-once allows.
    /// </summary>
    public async Task PublishRetryingAsync(string streamKey, int from, int count)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PublishAsync(streamKey, from, count);
                return;
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Yield();
            }
        }
    }

    public Task KillAsync() => Cluster.KillEverySiloAsync();

    public Task KillSecondaryAsync() => Cluster.KillSecondarySiloAsync();

    /// <summary>Queue rows not yet acknowledged, read from the file itself.</summary>
    public static long PendingRows(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM stream_messages";
        return (long)command.ExecuteScalar()!;
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
