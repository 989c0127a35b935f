using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Notifications.Testing;

/// <summary>
/// The real silo executable as a child process on a loopback port of its choosing: what the crash test kills
/// with SIGKILL and the load generator drives. Output is kept so a failure can show it.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    public const string BootstrapKey = "nsk_test_bootstrap_key_0123456789abcdef";
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _grpcListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloProcess(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The gRPC listener (cleartext HTTP/2), also on a port of the silo's choosing.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(200));
            }
        }
    }

    /// <summary>Starts the silo in <paramref name="siloDll"/>'s folder with the given database and extra settings.</summary>
    /// <param name="urls">Where to listen; by default a loopback port of the silo's choosing. A restart that clients must
    /// find again passes the previous <see cref="BaseAddress"/> here.</param>
    public static async Task<SiloProcess> StartAsync(
        string siloDll, string databasePath, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? timeout = null, string? urls = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(siloDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls ?? "http://127.0.0.1:0");
        start.Environment["Storage__Sqlite__Path"] = databasePath;
        start.Environment["Auth__BootstrapKey"] = BootstrapKey;
        start.Environment["Grpc__Urls"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__Notifications.Gateway.Grpc.Hosting"] = "Information";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var silo = new SiloProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        silo._process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        silo._process.Exited += (_, _) =>
        {
            silo._listening.TrySetException(new InvalidOperationException($"The silo exited with {silo._process.ExitCode} before listening:\n{silo.Output}"));
            silo._grpcListening.TrySetException(new InvalidOperationException($"The silo exited with {silo._process.ExitCode} before listening for gRPC:\n{silo.Output}"));
        };
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            silo.BaseAddress = await silo._listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
            await silo.WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(60));
            silo.GrpcAddress = await silo._grpcListening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            // A silo that never became ready is nobody's to dispose: left running, it outlives the test run.
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    public HttpClient CreateClient(string? bearer = BootstrapKey)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a power cut or the OOM killer does to the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = CreateClient(null);
        await Eventually.Until(async () =>
        {
            try
            {
                return (await client.GetAsync("/readyz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, "the silo's /readyz", timeout);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
        if (GrpcListening().Match(line) is { Success: true } grpc)
        {
            _grpcListening.TrySetResult(new Uri(grpc.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@"gRPC listening on (http://\S+)")]
    private static partial Regex GrpcListening();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
