using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Notifications.Channels.Email;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Protocols;

/// <summary>The e-mail sender against Debian's aiosmtpd: a real SMTP implementation we did not write.</summary>
public sealed class RealSmtpServerTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("aiosmtpd-").FullName;
    private Process? server;
    private int port;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists("/usr/bin/python3") && Process.Start(new ProcessStartInfo("/usr/bin/python3", "-c \"import aiosmtpd\"") { RedirectStandardError = true })!.WaitForExit(30_000),
            "python3-aiosmtpd is missing: run tests/Notifications.Channels.Tests/setup.sh");
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(ExternalTools.TestRoot, "smtp", "capture_server.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder, "silo", "s3cret-pass" })
        {
            start.ArgumentList.Add(argument);
        }

        server = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ready = await server.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(ready == "READY", $"aiosmtpd did not start (said '{ready}'); is python3-aiosmtpd installed? run tests/Notifications.Channels.Tests/setup.sh");
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            // Closing stdin is the server's signal to stop.
            server.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForExitAsync(timeout.Token);
            server.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    private EmailSender Sender(string password = "s3cret-pass") => new(Microsoft.Extensions.Options.Options.Create(new EmailOptions
    {
        Host = "127.0.0.1",
        Port = port,
        UseStartTls = false,
        UserName = "silo",
        Password = password,
        From = "notifications@example.com",
        UnsubscribeUrl = "https://example.com/unsubscribe",
        UnsubscribeMailto = "unsubscribe@example.com",
        UnsubscribeSecret = "unsubscribe-secret-0123456789",
    }), TimeProvider.System);

    private static DeliveryRequest Request(string to, string category) => new(
        7, Guid.NewGuid(), "user-9", DeliveryChannel.Email, to, Priority.Normal, 1, "job-7",
        new RenderedContent("Grüße aus dem Silo", "Plain text: Grüße.", "<h1>HTML: Grüße</h1>", category, "promo", new Dictionary<string, string>()));

    [Fact]
    public async Task Marketing_mail_reaches_a_real_smtp_server_intact()
    {
        using var sender = Sender();

        var outcome = await sender.SendAsync(Request("ada@example.org", "marketing"), CancellationToken.None);

        Assert.True(outcome.Kind == DeliveryOutcomeKind.Sent, outcome.Reason);
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal("Grüße aus dem Silo", message.Subject);
        Assert.Equal("Plain text: Grüße.", message.TextBody!.TrimEnd());
        Assert.Equal("<h1>HTML: Grüße</h1>", message.HtmlBody!.TrimEnd());
        Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);
        Assert.Equal(outcome.ProviderMessageId, $"<{message.MessageId}>");
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<https://example.com/unsubscribe?u=user-9&c=marketing&s=", message.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task Unknown_mailbox_and_bad_credentials_are_classified()
    {
        using var sender = Sender();
        var unknown = await sender.SendAsync(Request("nobody@example.org", "orders"), CancellationToken.None);
        // The refusal ended the transaction, not the session: the next message goes out on it.
        var next = await sender.SendAsync(Request("ada@example.org", "orders"), CancellationToken.None);
        using var wrongPassword = Sender("wrong");
        var refused = await wrongPassword.SendAsync(Request("ada@example.org", "orders"), CancellationToken.None);

        Assert.True(unknown.Kind == DeliveryOutcomeKind.TargetDead, unknown.Reason);
        Assert.True(refused.Kind == DeliveryOutcomeKind.ConfigurationError, refused.Reason);
        Assert.True(next.Kind == DeliveryOutcomeKind.Sent, next.Reason);
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        Assert.Equal(["ada@example.org"], (await MimeKit.MimeMessage.LoadAsync(file)).To.Mailboxes.Select(m => m.Address));
    }
}
