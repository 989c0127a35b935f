extern alias silo;

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Channels.Fakes;
using Notifications.Testing;

namespace Notifications.CampaignBench;

/// <summary>
/// The whole embedded silo (Orleans, SQLite file, gateway, channels) in this process, listening on a real loopback
/// socket so the probe's live streams and the transactional load go through Kestrel as a client's would; the
/// in-app channel plus FCM, on its fake. In-process so the sampler can read the silo's file and the fake's counts.
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly TestSilo<silo::Program> _silo;

    private EmbeddedSilo(TestSilo<silo::Program> silo, FakeFcmServer fcm, Uri address)
    {
        _silo = silo;
        Fcm = fcm;
        BaseAddress = address;
    }

    public FakeFcmServer Fcm { get; }

    public Uri BaseAddress { get; }

    public string Database => Path.Combine(_silo.DataDirectory, "notifications.db");

    public static string AdminKey => TestSilo<silo::Program>.BootstrapKey;

    public static async Task<EmbeddedSilo> StartAsync(CampaignBenchOptions options)
    {
        // WebApplicationFactory finds the silo's content root through the manifest beside this assembly, looked up
        // from the working directory: `dotnet run --project` and `dotnet <dll>` from elsewhere would miss it.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var fcm = new FakeFcmServer { KeepRequests = false };
        await fcm.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Synchronous"] = options.Synchronous,
            ["Channels:Fcm:ServiceAccountJson"] = fcm.ServiceAccountJson(),
            ["Channels:Fcm:BaseAddress"] = fcm.BaseAddress.AbsoluteUri,
            // The report is the one line on standard output; the silo's warnings go to standard error.
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
            // Deactivating a million user grains at the end outlasts the host's default 30 s to stop, which then throws.
            ["shutdownTimeoutSeconds"] = "600",
            ["Silo:Campaigns:MaxRatePerSecond"] = Math.Max(options.Rate, 1_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }
        var silo = new TestSilo<silo::Program>(settings);
        silo.UseKestrel(0);
        silo.StartServer();
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var embedded = new EmbeddedSilo(silo, fcm, new Uri(address));
        // TestSilo's own readiness wait uses the in-memory test client, which a Kestrel-hosted factory does not have.
        using var anonymous = embedded.CreateClient(null);
        await Eventually.Until(async () => (await anonymous.GetAsync("/readyz")).StatusCode, status => status == System.Net.HttpStatusCode.OK, "the silo reports ready", TimeSpan.FromMinutes(2));
        return embedded;
    }

    /// <summary>A client over the loopback socket, with <paramref name="bearer"/> as its credential when given.</summary>
    public HttpClient CreateClient(string? bearer)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await Fcm.DisposeAsync();
    }
}
