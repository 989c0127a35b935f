using Notifications.Channels.WhatsApp;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class WhatsAppConformanceTests : TwilioConformanceTests
{
    private const string ApprovedContent = "HX0123456789abcdef0123456789abcdef";

    protected override DeliveryChannel Channel => DeliveryChannel.WhatsApp;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Fake.ApproveContent(ApprovedContent);
    }

    /// <summary>The user wrote to us an hour ago, so the session is open for the conformance sends.</summary>
    protected override RenderedContent Sendable(RenderedContent content) =>
        content.SessionOpenUntil is null && content.ContentSid is null ? content with { SessionOpenUntil = Time.GetUtcNow().AddHours(23) } : content;

    private WhatsAppOptions Options() => new()
    {
        AccountSid = Fake.AccountSid,
        AuthToken = Fake.AuthToken,
        From = Sender,
        StatusCallbackUrl = CallbackUrl,
        BaseAddress = Fake.BaseAddress,
    };

    protected override IChannelSender CreateSender() => new WhatsAppSender(Microsoft.Extensions.Options.Options.Create(Options()), Time);

    protected override string LiveTarget()
    {
        Fake.UserMessaged(User);
        return User;
    }

    protected override void AssertExactWirePayload(DeliveryRequest sample) => AssertSingleForm(
        "To=whatsapp%3A%2B15551230001", "From=whatsapp%3A%2B15005550006", "Body=Order+1234+is+on+its+way.", "StatusCallback=https%3A%2F%2Fsilo.example.com%2Fcallbacks%2Ftwilio");

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration() => (WhatsAppOptions.Section, AccountConfiguration());

    protected override IEnumerable<(string Key, string? Value, string Expected)> Misconfigurations()
    {
        yield return ("AccountSid", "AC123", "Channels:WhatsApp:AccountSid must be a Twilio account SID");
        yield return ("AuthToken", "", "Channels:WhatsApp:AuthToken is required");
        yield return ("From", "whatsapp:+15005550006", "Channels:WhatsApp:From must be an E.164 number");
        yield return ("InboundUrl", "inbound", "Channels:WhatsApp:InboundUrl must be an absolute http(s) URL, not 'inbound'");
    }

    private static RenderedContent Template(DateTimeOffset? sessionOpenUntil, string? contentSid = ApprovedContent) => SampleContent() with
    {
        SessionOpenUntil = sessionOpenUntil,
        ContentSid = contentSid,
        ContentVariables = contentSid is null ? null : new Dictionary<string, string> { ["1"] = "1234" },
    };

    [Fact]
    public async Task Outside_the_session_window_the_templates_approved_content_goes_instead_of_the_text()
    {
        var outcome = await CreateSender().SendAsync(Request(User, Template(sessionOpenUntil: null)), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Sent, outcome);
        var form = Assert.Single(Fake.Accepted);
        Assert.Equal(ApprovedContent, form["ContentSid"]);
        Assert.Equal("""{"1":"1234"}""", form["ContentVariables"]);
        Assert.False(form.ContainsKey("Body"));
        Assert.Equal("whatsapp:" + User, form["To"]);
    }

    [Fact]
    public async Task Outside_the_window_without_a_content_sid_fails_for_good_without_calling_twilio()
    {
        var closed = Time.GetUtcNow().AddMinutes(-1);

        var outcome = await CreateSender().SendAsync(Request(User, Template(closed, contentSid: null)), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Permanent, outcome);
        Assert.Contains("outside the 24-hour WhatsApp session window", outcome.Reason);
        Assert.Contains("declares no contentSid", outcome.Reason);
        Assert.Equal(0, SendAttempts);
    }

    [Fact]
    public async Task A_session_that_closes_before_the_send_sends_the_template()
    {
        Fake.UserMessaged(User);
        var job = Request(User, Template(Time.GetUtcNow().AddHours(1)));
        Time.Advance(TimeSpan.FromHours(2));

        AssertOutcome(DeliveryOutcomeKind.Sent, await CreateSender().SendAsync(job, CancellationToken.None));

        Assert.Equal(ApprovedContent, Assert.Single(Fake.Accepted)["ContentSid"]);
    }

    [Fact]
    public async Task Free_form_text_twilio_finds_outside_the_window_is_refused_with_63016_and_not_retried()
    {
        // The silo believes the session open, but the user never wrote to this Twilio sender.
        var outcome = await CreateSender().SendAsync(Request("+15551230007"), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Permanent, outcome);
        Assert.Contains("63016", outcome.Reason);
        Assert.Empty(Fake.Accepted);
    }

    [Fact]
    public async Task An_unapproved_content_sid_and_a_bad_auth_token_are_configuration_errors()
    {
        var unapproved = await CreateSender().SendAsync(Request(User, Template(null, "HX" + new string('f', 32))), CancellationToken.None);
        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, unapproved);
        Assert.Contains("21655", unapproved.Reason);

        var wrong = Options();
        wrong.AuthToken = "wrong";
        var refused = await new WhatsAppSender(Microsoft.Extensions.Options.Options.Create(wrong), Time).SendAsync(Request(LiveTarget()), CancellationToken.None);
        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, refused);
        Assert.Contains("20003", refused.Reason);
    }
}
