using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Notifications.Testing;

/// <summary>
/// The whole silo (Orleans, SQLite file in a fresh temp folder, gateway, channels) in the test process: the one
/// in-process harness of every test project that talks to a silo. <typeparamref name="TProgram"/> is the silo's
/// entry point as the test project references it. Settings reach the configuration Program reads while it
/// registers services; the silo starts on the first client or <see cref="WaitUntilReadyAsync"/>.
/// </summary>
public sealed class TestSilo<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
{
    public const string BootstrapKey = "test-bootstrap-admin-key-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public TestSilo(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "notification-silo-tests", Guid.NewGuid().ToString("N"));
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

    /// <summary>A client of the silo, with <paramref name="bearer"/> as its credential when given.</summary>
    public HttpClient CreateClient(string? bearer, bool followRedirects = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public async Task WaitUntilReadyAsync()
    {
        using var anonymous = CreateClient(bearer: null);
        await Eventually.Until(async () => (await anonymous.GetAsync("/readyz")).StatusCode, status => status == HttpStatusCode.OK, "the silo reports ready");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
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
            // A leftover temp folder is harmless; failing the run over it is not (nor one never created).
        }
        GC.SuppressFinalize(this);
    }
}
