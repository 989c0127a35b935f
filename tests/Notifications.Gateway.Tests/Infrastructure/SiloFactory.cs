using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>A whole silo (runtime, SQLite file in a fresh temp folder, gateway) in the test process.</summary>
public sealed class SiloFactory : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "test-bootstrap-admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public SiloFactory(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "notification-gateway-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = Path.Combine(DataDirectory, "notifications.db"),
            ["Storage:Sqlite:Synchronous"] = "NORMAL",
            ["Auth:BootstrapKey"] = BootstrapKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the configuration Program reads while it registers services (Storage:Provider).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
        GC.SuppressFinalize(this);
    }
}
