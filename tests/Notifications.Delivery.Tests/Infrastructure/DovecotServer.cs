using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Notifications.Testing;

namespace Notifications.Delivery.Tests.Infrastructure;

/// <summary>
/// Debian's dovecot as a private IMAP server: its own dovecot.conf, passwd-file login and maildir in a temporary
/// directory, on a free loopback port, in the foreground as a child of the test (no system service), stopped with it.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/dovecot";
    public const string UserName = "bounces";
    public const string Password = "bounce-mailbox-pass";
    /// <summary>A second folder, created on first login.</summary>
    public const string ProcessedFolder = "Processed";

    private readonly TempDirectory _directory = new("dovecot-");
    private Process? _process;

    public int Port { get; private set; }

    public string Log => File.Exists(_directory.File("dovecot.log")) ? File.ReadAllText(_directory.File("dovecot.log")) : "";

    public static async Task<DovecotServer> StartAsync()
    {
        Assert.True(File.Exists(Binary), "dovecot is missing: run tests/Notifications.Delivery.Tests/setup.sh (apt-get install dovecot-imapd)");
        var server = new DovecotServer();
        await server.RunAsync();
        return server;
    }

    private async Task RunAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var root = _directory.Path;
        var home = Directory.CreateDirectory(_directory.File("home")).FullName;
        Directory.CreateDirectory(_directory.File("run"));
        // Dovecot will not run mail processes as root: under root the mailbox belongs to the package's own users.
        var asRoot = Environment.UserName == "root";
        var mailUser = asRoot ? "dovecot" : Environment.UserName;
        if (asRoot)
        {
            await ChildProcess.RunAsync("/bin/chown", ["-R", "dovecot:dovecot", home], root, TimeSpan.FromSeconds(30));
            await ChildProcess.RunAsync("/bin/chmod", ["755", root], root, TimeSpan.FromSeconds(30));
        }
        File.WriteAllText(_directory.File("passwd"), $"{UserName}:{{PLAIN}}{Password}\n");
        File.WriteAllText(_directory.File("dovecot.conf"), $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{mailUser}}
            default_internal_group = {{(asRoot ? "dovecot" : mailUser)}}
            default_login_user = {{(asRoot ? "dovenull" : mailUser)}}
            first_valid_uid = 0
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{root}}/passwd
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{(asRoot ? "dovecot" : mailUser)}} home={{home}}/%u
            }
            mail_location = maildir:~/Maildir
            namespace inbox {
              inbox = yes
              mailbox {{ProcessedFolder}} {
                auto = create
              }
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port.ToString(CultureInfo.InvariantCulture)}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", "-c", _directory.File("dovecot.conf") })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        await Eventually.Until(() => Greets(), $"dovecot answering on port {Port} (log: {Log})", TimeSpan.FromSeconds(30));
    }

    private bool Greets()
    {
        if (_process!.HasExited)
        {
            throw new InvalidOperationException($"dovecot exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()} {Log}");
        }
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var reader = new StreamReader(client.GetStream());
            return reader.ReadLine()?.StartsWith("* OK", StringComparison.Ordinal) == true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _directory.Dispose();
    }
}
