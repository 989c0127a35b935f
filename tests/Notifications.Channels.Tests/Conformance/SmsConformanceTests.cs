using Notifications.Channels.Sms;
using Notifications.Delivery;

namespace Notifications.Channels.Tests.Conformance;

public sealed class SmsConformanceTests : TwilioConformanceTests
{
    protected override DeliveryChannel Channel => DeliveryChannel.Sms;

    private SmsOptions Options() => new()
    {
        AccountSid = Fake.AccountSid,
        AuthToken = Fake.AuthToken,
        From = Sender,
        StatusCallbackUrl = CallbackUrl,
        BaseAddress = Fake.BaseAddress,
    };

    protected override IChannelSender CreateSender() => new TwilioSmsSender(Microsoft.Extensions.Options.Options.Create(Options()), Time);

    protected override string LiveTarget() => User;

    protected override void AssertExactWirePayload(DeliveryRequest sample) => AssertSingleForm(
        "To=%2B15551230001", "From=%2B15005550006", "Body=Order+1234+is+on+its+way.", "StatusCallback=https%3A%2F%2Fsilo.example.com%2Fcallbacks%2Ftwilio");

    protected override (string Section, Dictionary<string, string?> Values) ValidConfiguration() => (SmsOptions.Section, AccountConfiguration());

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
        Fake.BadGatewayPage = true;

        var outcome = await CreateSender().SendAsync(Request(LiveTarget()), CancellationToken.None);

        AssertOutcome(DeliveryOutcomeKind.Transient, outcome);
        Assert.Contains("Twilio 502", outcome.Reason);
    }

    [Fact]
    public async Task Opted_out_recipient_is_permanent_and_a_bad_password_is_a_configuration_error()
    {
        Fake.OptOut("+15551230002");
        AssertOutcome(DeliveryOutcomeKind.Permanent, await CreateSender().SendAsync(Request("+15551230002"), CancellationToken.None));

        var wrong = Options();
        wrong.AuthToken = "wrong";
        AssertOutcome(DeliveryOutcomeKind.ConfigurationError, await new TwilioSmsSender(Microsoft.Extensions.Options.Options.Create(wrong), Time).SendAsync(Request(LiveTarget()), CancellationToken.None));
    }
}
