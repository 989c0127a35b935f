using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Postgres;
using Notifications.Testing;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>
/// One test's database on the shared server, registered the way the silo registers it (record stores, two named
/// grain storages, the reminder table) and migrated. Closing disposes every connection and batcher; opening again
/// reads the same database from the server. <paramref name="configure"/> adds a test's own services (a stream provider).
/// </summary>
internal sealed class PostgresTestStore(PostgresFixture fixture, Action<IServiceCollection>? configure = null)
{
    /// <summary>A grain storage with the default options: clearing deletes the row.</summary>
    public const string DeletingRows = "grains";

    /// <summary>A grain storage that keeps a cleared grain's row, with its version.</summary>
    public const string KeepingRows = "grains-keeping-rows";

    /// <summary>One key ring for the test's life: reopening must read what was sealed before.</summary>
    private readonly Dictionary<string, string?> _pii = PiiTestKeys.Settings();
    private string? _connectionString;
    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The PostgreSQL store is not open.");

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The PostgreSQL store was never opened.");

    public static ServiceProvider Build(string connectionString, IReadOnlyDictionary<string, string?>? pii = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(pii ?? PiiTestKeys.Settings()) { ["Storage:Postgres:ConnectionString"] = connectionString };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPostgresRecordStores(configuration);
        services.AddPostgresGrainStorage(DeletingRows);
        services.AddPostgresGrainStorage(KeepingRows, options => options.DeleteStateOnClear = false);
        services.UsePostgresReminderService();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task OpenAsync()
    {
        _connectionString ??= await fixture.Server.CreateDatabaseAsync("t");
        _services = Build(_connectionString, _pii, configure);
        await _services.GetRequiredService<PostgresMigrations>().InitializeAsync(CancellationToken.None);
    }

    public async Task CloseAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }
    }
}
