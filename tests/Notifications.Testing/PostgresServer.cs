using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Notifications.Testing;

/// <summary>
/// A private PostgreSQL server for one test run: a fresh cluster (initdb) in a temp directory, listening on a free
/// loopback port with its unix socket in that directory, stopped and deleted on dispose. PostgreSQL refuses to run as
/// root, so under root the server runs as the <c>postgres</c> system user (Debian's package creates it) via runuser.
/// Tests create a database each (<see cref="CreateDatabaseAsync"/>), so one server serves a whole test project.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _directory;
    private readonly string _bin;
    private readonly bool _asSystemUser;
    private int _databases;

    private readonly string _settings;

    private PostgresServer(TempDirectory directory, string bin, bool asSystemUser, int port, bool durable)
    {
        _directory = directory;
        _bin = bin;
        _asSystemUser = asSystemUser;
        Port = port;
        _settings = $"-p {port} -k {directory.Path} -c listen_addresses=127.0.0.1 -c max_connections=200"
            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    }

    public int Port { get; }

    /// <summary>The postmaster's process id (its backends are its children; benchmarks count their CPU).</summary>
    public int ProcessId => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private string DataDirectory => _directory.File("data");

    /// <summary>
    /// Starts a server. <paramref name="durable"/> off (tests) turns fsync off: nothing here survives the test run anyway.
    /// Benchmarks pass true to measure PostgreSQL's real commit cost.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var bin = FindBinaries();
        var asSystemUser = Environment.UserName == "root";
        var directory = new TempDirectory("pg");
        try
        {
            if (asSystemUser)
            {
                await RunAsync("chown", [$"{SystemUser}:{SystemUser}", directory.Path], directory.Path);
            }
            var initdb = new List<string> { Path.Combine(bin, "initdb"), "-D", directory.File("data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C" };
            if (!durable)
            {
                initdb.Add("--no-sync");
            }
            await RunAsync(asSystemUser, initdb, directory.Path);
            // A port can be taken between probing and binding: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var server = new PostgresServer(directory, bin, asSystemUser, port, durable);
                var (exitCode, output) = await server.PgCtlStartAsync();
                if (exitCode == 0)
                {
                    return server;
                }
                if (attempt == 3)
                {
                    throw new InvalidOperationException($"pg_ctl start failed ({exitCode}):\n{output}\n{ReadLog(directory)}");
                }
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The connection string of <paramref name="database"/> on this server (the superuser, trusted on loopback).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture)}_{Guid.NewGuid():N}".ToLowerInvariant();
        // PostgreSQL cuts identifiers at 63 bytes; the counter and the GUID's head keep a cut name unique.
        name = name.Length > 63 ? name[..63] : name;
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>A clean, fast shutdown (open sessions are cut): what a database restart looks like to its clients.</summary>
    public Task StopAsync() =>
        RunAsync(_asSystemUser, [Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "stop"], _directory.Path);

    /// <summary>Starts the stopped server again on the same data and port.</summary>
    public async Task StartAgainAsync()
    {
        var (exitCode, output) = await PgCtlStartAsync();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl start failed ({exitCode}):\n{output}\n{ReadLog(_directory)}");
        }
    }

    private Task<(int ExitCode, string Output)> PgCtlStartAsync() => RunCommandAsync(_asSystemUser,
        [Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-l", _directory.File("server.log"), "-o", _settings, "-w", "-t", "60", "start"], _directory.Path);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunCommandAsync(_asSystemUser, [Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop"], _directory.Path);
        _directory.Dispose();
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }
        const string Debian = "/usr/lib/postgresql";
        var versions = Directory.Exists(Debian)
            ? Directory.GetDirectories(Debian).Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException("No PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql, see the test project's setup.sh) and POSTGRES_BIN is not set.");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task RunAsync(bool asSystemUser, IReadOnlyList<string> command, string directory)
    {
        var (exitCode, output) = await RunCommandAsync(asSystemUser, command, directory);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(command[0])} failed ({exitCode}):\n{output}");
        }
    }

    private static Task RunAsync(string file, IReadOnlyList<string> arguments, string directory) =>
        RunAsync(false, [file, .. arguments], directory);

    private static Task<(int ExitCode, string Output)> RunCommandAsync(bool asSystemUser, IReadOnlyList<string> command, string directory) =>
        asSystemUser
            ? ChildProcess.RunAsync("runuser", ["-u", SystemUser, "--", .. command], directory, CommandTimeout)
            : ChildProcess.RunAsync(command[0], command.Skip(1).ToList(), directory, CommandTimeout);

    private static string ReadLog(TempDirectory directory)
    {
        try
        {
            return File.ReadAllText(directory.File("server.log"));
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }
}
