using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Storage;
using Notifications.Storage.Sqlite;
using Notifications.Storage.Sqlite.GrainStorage;
using Orleans.Storage;

namespace Notifications.StorageBench;

/// <summary>The silo's SQLite file with its default options (WAL, synchronous FULL), registered as the silo registers it and migrated.</summary>
internal sealed class BenchStore(ServiceProvider services) : IAsyncDisposable
{
    private const string GrainStorageName = "bench";

    public IGrainStorage GrainStorage { get; } = SqliteGrainStorageFactory.Create(services, GrainStorageName);

    public IEffectStore Effects { get; } = services.GetRequiredService<IEffectStore>();

    public static async Task<BenchStore> OpenAsync(string path)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = path })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSqliteRecordStores(configuration);
        services.AddSqliteGrainStorage(GrainStorageName);
        var provider = services.BuildServiceProvider();
        await new SqliteMigrations(provider.GetRequiredService<SqliteDatabase>()).InitializeAsync(CancellationToken.None);
        return new BenchStore(provider);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
