using System.Diagnostics;
using System.Text;

namespace Notifications.Testing;

/// <summary>Runs a command to completion (or kills it at the deadline) and keeps its output.</summary>
public static class ChildProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
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
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
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

    /// <summary>
    /// Why a <c>node --test</c> run did not pass, or null when it did: a non-zero exit, a failed test, or no test at all
    /// (a suite that found nothing to run must not count as green).
    /// </summary>
    public static string? NodeTestProblem((int ExitCode, string Output) run) =>
        run.ExitCode != 0 ? $"node --test failed ({run.ExitCode}):\n{run.Output}"
        : !System.Text.RegularExpressions.Regex.IsMatch(run.Output, @"(?m)^\S* ?fail 0$") ? $"node --test reported failures:\n{run.Output}"
        : System.Text.RegularExpressions.Regex.IsMatch(run.Output, @"(?m)^\S* ?tests 0$") ? $"node --test ran no test:\n{run.Output}"
        : null;

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
