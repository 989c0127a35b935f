using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Notifications.Testing;

/// <summary>
/// One of Azurite's services, table or queue (npm <c>azurite</c>, installed by the test project's setup.sh), as a private
/// instance: a free loopback port, a temporary data location, a child of the test, stopped and removed with it.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDirectory _directory = new("azurite-");
    private ServerProcess? _process;

    private AzuriteServer(AzuriteService service, int port) => (Service, Port) = (service, port);

    public AzuriteService Service { get; }

    public int Port { get; }

    private string Name => Service == AzuriteService.Queue ? "queue" : "table";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};{(Service == AzuriteService.Queue ? "QueueEndpoint" : "TableEndpoint")}=http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{Account};";

    /// <param name="packageDirectory">The folder whose node_modules holds azurite.</param>
    /// <param name="service">The service to run (the table service unless told).</param>
    public static async Task<AzuriteServer> StartAsync(string packageDirectory, AzuriteService service = AzuriteService.Table)
    {
        var server = new AzuriteServer(service, FreePort.Next());
        var binary = Path.Combine(packageDirectory, "node_modules", ".bin", $"azurite-{server.Name}");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: run the test project's setup.sh (npm ci in {packageDirectory}).");
        }
        await server.RunAsync(binary);
        return server;
    }

    private async Task RunAsync(string binary)
    {
        string[] arguments = [$"--{Name}Host", "127.0.0.1", $"--{Name}Port", Port.ToString(CultureInfo.InvariantCulture), "--location", _directory.Path, "--silent"];
        _process = await ServerProcess.StartAsync(binary, arguments, _directory.Path, $"azurite's {Name} service listening on port {Port}", Listens, TimeSpan.FromSeconds(60));
    }

    private bool Listens()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        _directory.Dispose();
    }
}
