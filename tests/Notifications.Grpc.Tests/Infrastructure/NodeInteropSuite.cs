using Notifications.Testing;

namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>
/// Runs a file of tests/interop/grpc (node --test with @grpc/grpc-js) against a running server. Installs the npm
/// packages first through the suite's own idempotent setup.sh.
/// </summary>
internal static class NodeInteropSuite
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(3);

    // Test classes run in parallel; two `npm ci` into one node_modules would corrupt it.
    private static readonly SemaphoreSlim SetupGate = new(1, 1);

    /// <summary>gateway.test.mjs: the gateway, admin, health and reflection surfaces.</summary>
    public static Task RunAsync(Uri grpcAddress, InteropCredentials credentials, Xunit.Abstractions.ITestOutputHelper output) =>
        RunFileAsync("gateway.test.mjs", grpcAddress, new Dictionary<string, string>
        {
            ["GRPC_SEND_KEY"] = credentials.SendKey,
            ["GRPC_MANAGE_KEY"] = credentials.ManageKey,
            ["GRPC_USER_ID"] = credentials.UserId,
            ["GRPC_USER_TOKEN"] = credentials.UserToken,
            ["GRPC_OTHER_USER_TOKEN"] = credentials.OtherUserToken,
        }, output);

    /// <summary>One suite file; <paramref name="settings"/> are its environment besides GRPC_TARGET and GRPC_PROTO_ROOT.</summary>
    public static async Task RunFileAsync(string file, Uri grpcAddress, IReadOnlyDictionary<string, string> settings, Xunit.Abstractions.ITestOutputHelper output)
    {
        var suite = Path.Combine(RepositoryPaths.Root, "tests", "interop", "grpc");
        await SetupGate.WaitAsync();
        try
        {
            var setup = await ChildProcess.RunAsync("bash", ["setup.sh"], suite, SetupTimeout);
            Assert.True(setup.ExitCode == 0, $"tests/interop/grpc/setup.sh failed ({setup.ExitCode}):\n{setup.Output}");
        }
        finally
        {
            SetupGate.Release();
        }

        var environment = new Dictionary<string, string>(settings)
        {
            ["GRPC_TARGET"] = $"{grpcAddress.Host}:{grpcAddress.Port}",
            ["GRPC_PROTO_ROOT"] = Path.Combine(RepositoryPaths.Root, "src", "Notifications.Abstractions", "Protos"),
        };
        var run = await ChildProcess.RunAsync("node", ["--test", "--test-reporter=spec", file], suite, SuiteTimeout, environment);
        output.WriteLine(run.Output);
        Assert.Null(ChildProcess.NodeTestProblem(run));
    }
}
