using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Sqlite;
using Notifications.Testing;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>
/// One test's SQLite file in its own temp directory, registered the way the silo registers it (record stores,
/// two named grain storages, the reminder table) and migrated. Closing disposes the writer and every connection;
/// opening again reads the same file from disk. <paramref name="configure"/> adds a test's own services (a stream provider).
/// </summary>
internal sealed class SqliteTestStore(string prefix, Action<IServiceCollection>? configure = null) : IDisposable
{
    /// <summary>A grain storage with the default options: clearing deletes the row.</summary>
    public const string DeletingRows = "grains";

    /// <summary>A grain storage that keeps a cleared grain's row, with its version.</summary>
    public const string KeepingRows = "grains-keeping-rows";

    private readonly TempDirectory _directory = new(prefix);
    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The SQLite store is not open.");

    public string Path => _directory.File("silo.db");

    public async Task OpenAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:Path"] = Path })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSqliteRecordStores(configuration);
        services.AddSqliteGrainStorage(DeletingRows);
        services.AddSqliteGrainStorage(KeepingRows, options => options.DeleteStateOnClear = false);
        services.UseSqliteReminderService();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await new SqliteMigrations(_services.GetRequiredService<SqliteDatabase>()).InitializeAsync(CancellationToken.None);
    }

    public async Task CloseAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }
    }

    public void Dispose() => _directory.Dispose();
}
