using Notifications.Channels.Fakes;
using Notifications.Channels.Sms;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class SmsConformanceTests : ChannelConformanceTests
{
    private FakeTwilioServer fake = null!;

    protected override DeliveryChannel Channel => DeliveryChannel.Sms;

    protected override FaultPlan Faults => fake.Faults;

    protected override int SendAttempts => fake.Requests.Count;

    protected override IReadOnlyList<string> AcceptedBodies => fake.Accepted.Select(form => form["Body"]).ToList();

    public override async Task InitializeAsync()
    {
        fake = new FakeTwilioServer(Time);
        await fake.StartAsync();
    }

    public override async Task DisposeAsync() => await fake.DisposeAsync();

    private SmsOptions Options() => new()
    {
        AccountSid = fake.AccountSid,
        AuthToken = fake.AuthToken,
        From = "+15005550006",
        StatusCallbackUrl = "https://silo.example.com/callbacks/twilio",
        BaseAddress = fake.BaseAddress,
    };

    protected override IChannelSender CreateSender() => new TwilioSmsSender(Microsoft.Extensions.Options.Options.Create(Options()), Time);

    protected override string LiveTarget() => "+15551230001";

    protected override string DeadTarget()
    {
        fake.Faults.MarkDead("+15551239999");
        return "+15551239999";
    }

    protected override RenderedContent OversizeContent() => SampleContent() with { Body = new string('x', 1601) };

    protected override void AssertExactWirePayload(DeliveryRequest sample)
    {
        var request = Assert.Single(fake.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{fake.AccountSid}/Messages.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        // The SDK orders the fields its own way; what Twilio reads is the set of fields, form-encoded.
        Assert.Equal(
            ["Body=Order+1234+is+on+its+way.", "From=%2B15005550006", "StatusCallback=https%3A%2F%2Fsilo.example.com%2Fcallbacks%2Ftwilio", "To=%2B15551230001"],
            request.BodyText.Split('&').Order(StringComparer.Ordinal));
        Assert.Equal(201, request.Status);
    }

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration() => (SmsOptions.Section, new()
    {
        ["AccountSid"] = fake.AccountSid,
        ["AuthToken"] = fake.AuthToken,
        ["From"] = "+15005550006",
        ["BaseAddress"] = fake.BaseAddress.AbsoluteUri,
    });

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("AccountSid", "AC123", "AccountSid must be a Twilio account SID");
        yield return ("AuthToken", "", "AuthToken is required");
        yield return ("From", "5550006", "From must be an E.164 number");
        yield return ("MessagingServiceSid", "MG" + new string('a', 32), "set exactly one of From");
        yield return ("StatusCallbackUrl", "callbacks", "StatusCallbackUrl must be an absolute http(s) URL");
    }

    [Fact]
    public async Task A_proxys_error_page_instead_of_a_twilio_error_is_transient()
    {
        fake.BadGatewayPage = true;

        var outcome = await CreateSender().SendAsync(Request(LiveTarget()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Transient, outcome);
        Assert.Contains("Twilio 502", outcome.Reason);
    }

    [Fact]
    public async Task Opted_out_recipient_is_permanent_and_a_bad_password_is_a_configuration_error()
    {
        fake.OptOut("+15551230002");
        AssertOutcome(DeliveryOutcomeKind.Permanent, await CreateSender().SendAsync(Request("+15551230002"), CancellationToken.None));

        var wrong = Options();
        wrong.AuthToken = "wrong";
        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, await new TwilioSmsSender(Microsoft.Extensions.Options.Options.Create(wrong), Time).SendAsync(Request(LiveTarget()), CancellationToken.None));
    }
}
