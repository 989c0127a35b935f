using System.Diagnostics;
using System.Text;

namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>
/// Runs tests/interop/grpc (node --test with @grpc/grpc-js) against a running server. Installs the npm
/// packages first through the suite's own idempotent setup.sh.
/// </summary>
internal static class NodeInteropSuite
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(3);

    // Test classes run in parallel; two `npm ci` into one node_modules would corrupt it.
    private static readonly SemaphoreSlim SetupGate = new(1, 1);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "tests", "interop", "grpc", "package.json")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
        }
    }

    public static async Task RunAsync(Uri grpcAddress, InteropCredentials credentials, Xunit.Abstractions.ITestOutputHelper output)
    {
        var suite = Path.Combine(RepositoryRoot, "tests", "interop", "grpc");
        await SetupGate.WaitAsync();
        try
        {
            var setup = await RunProcessAsync("bash", ["setup.sh"], suite, new Dictionary<string, string>(), SetupTimeout);
            Assert.True(setup.ExitCode == 0, $"tests/interop/grpc/setup.sh failed ({setup.ExitCode}):\n{setup.Output}");
        }
        finally
        {
            SetupGate.Release();
        }

        var environment = new Dictionary<string, string>
        {
            ["GRPC_TARGET"] = $"{grpcAddress.Host}:{grpcAddress.Port}",
            ["GRPC_PROTO_ROOT"] = Path.Combine(RepositoryRoot, "src", "Notifications.Abstractions", "Protos"),
            ["GRPC_SEND_KEY"] = credentials.SendKey,
            ["GRPC_MANAGE_KEY"] = credentials.ManageKey,
            ["GRPC_USER_ID"] = credentials.UserId,
            ["GRPC_USER_TOKEN"] = credentials.UserToken,
            ["GRPC_OTHER_USER_TOKEN"] = credentials.OtherUserToken,
        };
        var run = await RunProcessAsync("node", ["--test", "--test-reporter=spec", "gateway.test.mjs"], suite, environment, SuiteTimeout);
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"node --test failed ({run.ExitCode}):\n{run.Output}");
        Assert.Matches(@"(?m)^\S* ?fail 0$", run.Output);
        Assert.DoesNotMatch(@"(?m)^\S* ?tests 0$", run.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Append(output, $"[killed after {timeout}]");
            return (-1, output.ToString());
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
