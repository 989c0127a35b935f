using System.Security.Cryptography;
using Notifications.Testing;

namespace NotificationSilo.CrashTests;

/// <summary>
/// The cluster profile as an operator runs it: silo processes of the real executable on one private redis-server
/// (membership, reminders) and one private PostgreSQL (grain state, records), each silo with its own HTTP and gRPC
/// ports. Stopped and removed with the test.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly TempDirectory _directory;
    private RedisServer? _redis;
    private PostgresServer? _postgres;

    private SiloCluster(TempDirectory directory) => _directory = directory;

    public RedisServer Redis => _redis!;

    public PostgresServer Postgres => _postgres!;

    /// <summary>Every silo started, in start order; a killed one stays in its place.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>
    /// Starts <paramref name="count"/> silos one after the other (each joins the membership the previous ones formed).
    /// <paramref name="settings"/> come on top of the profile's own and may override them.
    /// </summary>
    public static async Task<SiloCluster> StartAsync(string name, int count, IReadOnlyDictionary<string, string> settings, bool durablePostgres = false)
    {
        var cluster = new SiloCluster(new TempDirectory(name));
        try
        {
            cluster._redis = await RedisServer.StartAsync();
            cluster._postgres = await PostgresServer.StartAsync(durable: durablePostgres);
            var profile = new Dictionary<string, string>
            {
                ["Cluster:Provider"] = "Redis",
                ["Cluster:Redis:ConnectionString"] = cluster.Redis.ConnectionString,
                ["Cluster:ClusterId"] = name + "-" + Guid.NewGuid().ToString("N")[..8],
                ["Storage:Provider"] = "Postgres",
                ["Storage:Postgres:ConnectionString"] = await cluster.Postgres.CreateDatabaseAsync(name.Replace('-', '_')),
                ["Security:Pii:CurrentKey"] = "k1",
                ["Security:Pii:Keys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Security:Pii:IndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            foreach (var (key, value) in settings)
            {
                profile[key] = value;
            }
            for (var i = 0; i < count; i++)
            {
                cluster._silos.Add(await SiloProcess.StartAsync(
                    SiloBuild.DllPath(), cluster._directory.File($"unused-{i}.db"), new Dictionary<string, string>(profile) { ["Silo:SiloId"] = $"silo-{i}" }, TimeSpan.FromMinutes(2)));
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _directory.Dispose();
    }
}
