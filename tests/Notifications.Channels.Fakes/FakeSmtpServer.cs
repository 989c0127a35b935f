using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Notifications.Channels.Fakes;

/// <summary>
/// An ESMTP submission server on a local port: EHLO, AUTH LOGIN, MAIL/RCPT/DATA with real reply codes,
/// SIZE enforcement, 5.1.1 for unknown mailboxes, 4.7.x for throttling and 421 during an outage.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<SmtpEnvelope> received = new();
    private readonly ConcurrentBag<Task> sessions = [];
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private int transactions;
    private int connections;
    private int maxOpen;
    private Task? acceptLoop;

    public FakeSmtpServer(string userName, string password)
    {
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    public int Port { get; private set; }

    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    public FaultPlan Faults { get; } = new();

    /// <summary>Messages the server accepted (after the final "250").</summary>
    public IReadOnlyList<SmtpEnvelope> Received => [.. received];

    /// <summary>SMTP sessions opened, refused or not.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The most sessions that were open at the same time.</summary>
    public int MaxConcurrentSessions => Volatile.Read(ref maxOpen);

    /// <summary>AUTH exchanges that succeeded: once per session when the client reuses sessions.</summary>
    public int Logins => Volatile.Read(ref logins);

    private int logins;

    /// <summary>Closes every open session without a word, as a server's idle timeout or a restart would.</summary>
    public void DropSessions()
    {
        foreach (var client in open.Keys)
        {
            client.Client.Shutdown(SocketShutdown.Both);
            client.Close();
        }
    }

    /// <summary>MAIL transactions started, accepted or not.</summary>
    public int Transactions => Volatile.Read(ref transactions);

    public void Start(int port = 0)
    {
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            sessions.Add(Task.Run(() => SessionAsync(client)));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var connection = client;
        open[client] = 0;
        var now = open.Count;
        for (var seen = Volatile.Read(ref maxOpen); now > seen && Interlocked.CompareExchange(ref maxOpen, now, seen) != seen; seen = Volatile.Read(ref maxOpen))
        {
        }

        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            if (Faults.Outage)
            {
                await writer.WriteLineAsync("421 4.3.2 fake.smtp Service not available, closing transmission channel");
                return;
            }

            await writer.WriteLineAsync("220 fake.smtp ESMTP ready");
            var authenticated = false;
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                var argument = line.Length > 4 ? line[4..].Trim() : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-fake.smtp greets " + argument);
                        await writer.WriteLineAsync($"250-SIZE {MaxMessageBytes}");
                        await writer.WriteLineAsync("250 AUTH LOGIN");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 fake.smtp");
                        break;
                    case "AUTH":
                        authenticated = await AuthenticateAsync(argument, reader, writer);
                        break;
                    case "MAIL":
                        Interlocked.Increment(ref transactions);
                        if (!authenticated)
                        {
                            await writer.WriteLineAsync("530 5.7.0 Authentication required");
                        }
                        else if (Faults.TryTakeRateLimit(out _))
                        {
                            await writer.WriteLineAsync("451 4.7.1 Rate limit exceeded, try again later");
                        }
                        else
                        {
                            from = Address(argument);
                            recipients.Clear();
                            await writer.WriteLineAsync("250 2.1.0 Ok");
                        }

                        break;
                    case "RCPT":
                        var to = Address(argument);
                        if (from is null)
                        {
                            await writer.WriteLineAsync("503 5.5.1 Need MAIL first");
                        }
                        else if (to is null || Faults.IsDead(to))
                        {
                            await writer.WriteLineAsync($"550 5.1.1 <{to}>: Recipient address rejected: User unknown");
                        }
                        else
                        {
                            recipients.Add(to);
                            await writer.WriteLineAsync("250 2.1.5 Ok");
                        }

                        break;
                    case "DATA":
                        if (from is null || recipients.Count == 0)
                        {
                            await writer.WriteLineAsync("503 5.5.1 Need RCPT first");
                            break;
                        }

                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader);
                        if (data.Length > MaxMessageBytes)
                        {
                            await writer.WriteLineAsync("552 5.3.4 Message size exceeds fixed limit");
                        }
                        else
                        {
                            received.Enqueue(new SmtpEnvelope(from, [.. recipients], data));
                            await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                        }

                        from = null;
                        recipients.Clear();
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Error: command not recognized");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            open.TryRemove(client, out _);
        }
    }

    private async Task<bool> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer)
    {
        var parts = argument.Split(' ', 2);
        if (!parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
            return false;
        }

        string? user;
        if (parts.Length == 2)
        {
            user = parts[1];
        }
        else
        {
            await writer.WriteLineAsync("334 VXNlcm5hbWU6");
            user = await reader.ReadLineAsync();
        }

        await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
        var password = await reader.ReadLineAsync();
        if (Decode(user) == UserName && Decode(password) == Password)
        {
            Interlocked.Increment(ref logins);
            await writer.WriteLineAsync("235 2.7.0 Authentication successful");
            return true;
        }

        await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
        return false;
    }

    private static string? Decode(string? base64)
    {
        try
        {
            return base64 is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<string> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line && line != ".")
        {
            data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }

        return data.ToString();
    }

    private static string? Address(string argument)
    {
        var start = argument.IndexOf('<');
        var end = argument.IndexOf('>');
        return start >= 0 && end > start ? argument[(start + 1)..end] : null;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        if (acceptLoop is not null)
        {
            await acceptLoop;
        }

        await Task.WhenAll(sessions);
        stop.Dispose();
    }
}

public sealed record SmtpEnvelope(string From, IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>The message as MimeKit reads it: what a mail client would show.</summary>
    public MimeKit.MimeMessage Message => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.Latin1.GetBytes(Data)));
}
