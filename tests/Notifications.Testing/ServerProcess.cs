using System.Diagnostics;

namespace Notifications.Testing;

/// <summary>
/// A server the tests run privately as a child process (redis-server, Azurite): started in the foreground with its
/// output drained, so a chatty server never blocks on a full pipe, waited for until it answers, killed with its whole
/// process tree when disposed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;

    private ServerProcess(Process process, string name) => (_process, _name) = (process, name);

    public int Id => _process.Id;

    /// <param name="ready">True once the server answers; called until it is, or the deadline passes.</param>
    public static async Task<ServerProcess> StartAsync(string binary, IEnumerable<string> arguments, string workingDirectory, string name, Func<bool> ready, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(binary)
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
        var server = new ServerProcess(Process.Start(start)!, name);
        server._process.OutputDataReceived += (_, _) => { };
        server._process.ErrorDataReceived += (_, _) => { };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await Eventually.Until(server.Answers(ready), name, deadline);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private Func<bool> Answers(Func<bool> ready) => () => _process.HasExited
        ? throw new InvalidOperationException($"{_name}: the process exited with {_process.ExitCode} before it answered.")
        : ready();

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
