using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Notifications.Testing;

/// <summary>
/// Debian's redis-server as a private instance: a free loopback port, a temporary working directory, no persistence,
/// in the foreground as a child of the test (no system service), stopped and removed with it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private readonly TempDirectory _directory = new("redis-");
    private ServerProcess? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The server's process (benchmarks count its CPU).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("redis-server is not running.");

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: run the test project's setup.sh (apt-get install redis-server).");
        }
        var server = new RedisServer(FreePort.Next());
        await server.RunAsync();
        return server;
    }

    private async Task RunAsync()
    {
        string[] arguments =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory.Path,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning",
        ];
        _process = await ServerProcess.StartAsync(Binary, arguments, _directory.Path, $"redis-server answering PING on port {Port}", Pongs, TimeSpan.FromSeconds(30));
    }

    private bool Pongs()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
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
