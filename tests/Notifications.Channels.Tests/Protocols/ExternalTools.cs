using System.Diagnostics;

namespace Notifications.Channels.Tests.Protocols;

/// <summary>Runs the independent implementations installed by setup.sh; fails with a pointer to it when missing.</summary>
internal static class ExternalTools
{
    public static string TestRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "setup.sh")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("cannot find tests/Notifications.Channels.Tests/setup.sh above the test binaries");
        }
    }

    public static void RequireNodeModule(string name)
    {
        var path = Path.Combine(TestRoot, "interop", "node_modules", name);
        Assert.True(Directory.Exists(path), $"npm package '{name}' is missing: run tests/Notifications.Channels.Tests/setup.sh");
    }

    public static async Task<string> RunNodeAsync(string script, string stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(TestRoot, "interop") };
        start.ArgumentList.Add(Path.Combine(TestRoot, "interop", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {script} failed: {await error}");
        return await output;
    }
}
