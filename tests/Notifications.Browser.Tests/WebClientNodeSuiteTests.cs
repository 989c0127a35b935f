using Notifications.Testing;
using Xunit.Abstractions;

namespace Notifications.Browser.Tests;

/// <summary>The headless client's own suite (clients/web/test, node's test runner with fake fetch and EventSource).</summary>
public sealed class WebClientNodeSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_headless_client_suite_passes_under_node_test()
    {
        var setup = await ChildProcess.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "tests", "web-client", "setup.sh")], RepositoryPaths.Root, TimeSpan.FromMinutes(5));
        Assert.True(setup.ExitCode == 0, $"tests/web-client/setup.sh failed ({setup.ExitCode}):\n{setup.Output}");

        var run = await ChildProcess.RunAsync("node", ["--test", "--test-reporter=spec", "clients/web/test"], RepositoryPaths.Root, TimeSpan.FromMinutes(3));
        output.WriteLine(run.Output);
        Assert.Null(ChildProcess.NodeTestProblem(run));
    }
}
