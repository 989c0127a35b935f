using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Storage;
using Notifications.Testing;

namespace Notifications.Storage.Tests;

/// <summary>The embedded provider: a fresh SQLite file per test, reopened from disk to prove durability.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new("sqlite-conformance");

    protected override async Task<StorageUnderTest> OpenAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = _directory.File("test.db") })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSqliteStorage(configuration).BuildServiceProvider();
        await services.GetRequiredService<IStorageInitializer>().InitializeAsync(default);
        return new StorageUnderTest(services);
    }

    public void Dispose() => _directory.Dispose();
}
