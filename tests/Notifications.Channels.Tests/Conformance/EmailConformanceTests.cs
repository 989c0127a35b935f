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

    protected override IReadOnlyList<string> AcceptedBodies => fake.Received.Select(e => e.Message.TextBody!).ToList();

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

    protected override IChannelSender CreateSender() => Sender(Options());

    private EmailSender Sender(EmailOptions options) => new(Microsoft.Extensions.Options.Options.Create(options), Time);

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
        Assert.Equal($"<{Common.DeterministicUuid.Create("job-42"):N}@example.com>", message.Headers["Message-ID"]);
        Assert.Contains("notifications@example.com", message.Headers["From"]);
        Assert.Equal("Order 1234 is on its way.", message.TextBody);
        Assert.Equal("<p>Order <b>1234</b> is on its way.</p>", message.HtmlBody);
        Assert.Null(message.Headers["List-Unsubscribe"]);
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
        yield return ("Port", "0", "Port must be between 1 and 65535, not 0");
        yield return ("UseImplicitTls", "true", "UseImplicitTls and UseStartTls exclude each other");
        yield return ("PoolSize", "0", "PoolSize must be between 1 and 64, not 0");
        yield return ("MaxMessagesPerConnection", "0", "MaxMessagesPerConnection must be at least 1, not 0");
        yield return ("ConnectionIdleTimeout", "00:00:00", "ConnectionIdleTimeout must be positive");
        yield return ("ReturnPath", "bounces at example.com", "ReturnPath must be a valid e-mail address, not 'bounces at example.com'");
        yield return ("Bounces:Host", "imap.example.com", "Bounces:UserName and Password are required");
        yield return ("Bounces:PollInterval", "00:00:00", "Bounces:PollInterval must be between 1 second and 1 day");
        yield return ("Bounces:HardBounceLimit", "0", "Bounces:HardBounceLimit must be between 1 and 100, not 0");
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
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var header = message.Headers["List-Unsubscribe"]!;
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

        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, await Sender(options).SendAsync(Request(LiveTarget()), CancellationToken.None));
    }

    [Fact]
    public async Task One_authenticated_session_carries_many_messages()
    {
        using var sender = Sender(Options());

        for (var i = 1; i <= 5; i++)
        {
            AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget(), jobId: i), CancellationToken.None));
        }

        Assert.Equal(5, fake.Received.Count);
        Assert.Equal(1, fake.Connections);
        Assert.Equal(1, fake.Logins);
    }

    [Fact]
    public async Task A_refused_recipient_ends_the_transaction_but_the_session_is_reused()
    {
        var options = Options();
        options.PoolSize = 1;
        using var sender = Sender(options);

        AssertOutcome(DeliveryOutcomeKind.TargetDead, await sender.SendAsync(Request(DeadTarget(), jobId: 1), CancellationToken.None));
        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget(), jobId: 2), CancellationToken.None));

        Assert.Equal(["ada@example.org"], fake.Received.SelectMany(e => e.Recipients));
        Assert.Equal(1, fake.Connections);
    }

    [Fact]
    public async Task A_session_the_server_dropped_is_discarded_and_the_message_goes_out_on_a_new_one()
    {
        using var sender = Sender(Options());
        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget(), jobId: 1), CancellationToken.None));

        fake.DropSessions();
        var outcome = await sender.SendAsync(Request(LiveTarget(), jobId: 2), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Sent, outcome);
        Assert.Equal(2, fake.Received.Count);
        Assert.Equal(2, fake.Connections);
    }

    [Fact]
    public async Task Idle_and_worn_sessions_are_replaced()
    {
        var options = Options();
        options.MaxMessagesPerConnection = 2;
        using var sender = Sender(options);

        for (var i = 1; i <= 3; i++)
        {
            AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget(), jobId: i), CancellationToken.None));
        }
        Assert.Equal(2, fake.Connections);

        Time.Advance(options.ConnectionIdleTimeout);
        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget(), jobId: 4), CancellationToken.None));
        Assert.Equal(3, fake.Connections);
    }

    [Fact]
    public async Task Concurrent_sends_never_open_more_sessions_than_the_pool_size()
    {
        var options = Options();
        options.PoolSize = 2;
        using var sender = Sender(options);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => sender.SendAsync(Request(LiveTarget(), jobId: i), CancellationToken.None)));

        Assert.All(outcomes, o => AssertOutcome(DeliveryOutcomeKind.Sent, o));
        Assert.Equal(12, fake.Received.Count);
        Assert.True(fake.MaxConcurrentSessions <= 2, $"{fake.MaxConcurrentSessions} sessions were open at once");
        Assert.True(fake.Connections <= 2, $"{fake.Connections} sessions were opened");
    }

    [Fact]
    public async Task Unsubscribe_placeholder_becomes_the_signed_link_in_both_parts()
    {
        using var sender = Sender(Options());
        var content = SampleContent("marketing") with
        {
            Body = $"Unsubscribe: {Delivery.EmailPlaceholders.UnsubscribeUrlMarker}",
            Html = $"<a href=\"{Delivery.EmailPlaceholders.UnsubscribeUrlMarker}\">Unsubscribe</a>",
        };

        AssertOutcome(DeliveryOutcomeKind.Sent, await sender.SendAsync(Request(LiveTarget(), content), CancellationToken.None));

        var message = Assert.Single(fake.Received).Message;
        var header = System.Text.RegularExpressions.Regex.Match(message.Headers["List-Unsubscribe"]!, "^<(https://[^>]+)>").Groups[1].Value;
        Assert.Equal($"Unsubscribe: {header}", message.TextBody!.TrimEnd());
        Assert.Equal($"<a href=\"{System.Net.WebUtility.HtmlEncode(header)}\">Unsubscribe</a>", message.HtmlBody!.TrimEnd());
    }
}
