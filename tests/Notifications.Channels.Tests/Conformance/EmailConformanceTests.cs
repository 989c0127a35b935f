using Notifications.Channels.Email;
using Notifications.Channels.Fakes;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class EmailConformanceTests : ChannelConformanceTests
{
    private FakeSmtpServer fake = null!;

    protected override DeliveryChannel Channel => DeliveryChannel.Email;

    protected override FaultPlan Faults => fake.Faults;

    protected override bool ProviderSendsRetryAfter => false;

    protected override int SendAttempts => fake.Connections;

    protected override IReadOnlyList<string> AcceptedBodies => fake.Received.Select(e => e.Message.Text!).ToList();

    public override Task InitializeAsync()
    {
        fake = new FakeSmtpServer("silo", "smtp-password");
        fake.Start();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync() => await fake.DisposeAsync();

    internal EmailOptions Options() => new()
    {
        Host = "127.0.0.1",
        Port = fake.Port,
        UseStartTls = false,
        UserName = "silo",
        Password = "smtp-password",
        From = "notifications@example.com",
        FromName = "Example",
        MaxMessageBytes = 64 * 1024,
        UnsubscribeUrl = "https://example.com/unsubscribe",
        UnsubscribeMailto = "unsubscribe@example.com",
        UnsubscribeSecret = "unsubscribe-secret-0123456789",
    };

    protected override IChannelSender CreateSender() => new EmailSender(Microsoft.Extensions.Options.Options.Create(Options()));

    protected override string LiveTarget() => "ada@example.org";

    protected override string DeadTarget()
    {
        fake.Faults.MarkDead("gone@example.org");
        return "gone@example.org";
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 70 * 1024) };

    protected override void AssertExactWirePayload(DeliveryRequest sample)
    {
        var envelope = Assert.Single(fake.Received);
        Assert.Equal("notifications@example.com", envelope.From);
        Assert.Equal(["ada@example.org"], envelope.Recipients);
        var message = envelope.Message;
        Assert.Equal("Your order shipped", message.Subject);
        Assert.Equal($"<{Common.DeterministicUuid.Create("job-42"):N}@example.com>", message.Header("Message-ID"));
        Assert.Contains("notifications@example.com", message.Header("From"));
        Assert.Equal("Order 1234 is on its way.", message.Text);
        Assert.Equal("<p>Order <b>1234</b> is on its way.</p>", message.Html);
        Assert.Null(message.Header("List-Unsubscribe"));
    }

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration() => (EmailOptions.Section, new()
    {
        ["Host"] = "127.0.0.1",
        ["Port"] = fake.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["From"] = "notifications@example.com",
        ["UnsubscribeUrl"] = "https://example.com/unsubscribe",
        ["UnsubscribeMailto"] = "unsubscribe@example.com",
        ["UnsubscribeSecret"] = "unsubscribe-secret-0123456789",
    });

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("Host", "", "Host is required");
        yield return ("Port", "465", "Port 465 (implicit TLS) is not supported");
        yield return ("From", "not an address", "From must be a valid e-mail address");
        yield return ("UserName", "someone", "UserName and Password must be set together");
        yield return ("UnsubscribeUrl", "http://example.com/u", "UnsubscribeUrl must be an absolute https URL");
        yield return ("UnsubscribeSecret", "short", "UnsubscribeSecret must be at least 16 characters");
    }

    [Fact]
    public async Task Marketing_mail_carries_one_click_unsubscribe_headers_with_a_verifiable_link()
    {
        AssertOutcome(DeliveryOutcomeKind.Sent, await CreateSender().SendAsync(Request(LiveTarget(), SampleContent("marketing")), CancellationToken.None));

        var message = Assert.Single(fake.Received).Message;
        Assert.Equal("List-Unsubscribe=One-Click", message.Header("List-Unsubscribe-Post"));
        var header = message.Header("List-Unsubscribe")!;
        var match = System.Text.RegularExpressions.Regex.Match(header, "^<(https://[^>]+)>, <(mailto:[^>]+)>$");
        Assert.True(match.Success, header);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(match.Groups[1].Value).Query);
        var signer = new UnsubscribeLinkSigner("unsubscribe-secret-0123456789");
        Assert.True(signer.Verify(query["u"], query["c"], query["s"]));
        Assert.Equal("user-1", query["u"].ToString());
        Assert.Equal("marketing", query["c"].ToString());
        Assert.False(signer.Verify("user-2", "marketing", query["s"]));
    }

    [Fact]
    public async Task Wrong_smtp_password_is_a_configuration_error()
    {
        var options = Options();
        options.Password = "wrong";

        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, await new EmailSender(Microsoft.Extensions.Options.Options.Create(options)).SendAsync(Request(LiveTarget()), CancellationToken.None));
    }
}
