using System.Text.Json;
using Notifications.Channels.Sms;

namespace Notifications.Channels.Tests.Protocols;

public sealed class TwilioSignatureTests
{
    private const string AuthToken = "12345678901234567890123456789012";
    private const string Url = "https://silo.example.com/callbacks/twilio?tenant=a";

    private static readonly Dictionary<string, string> Form = new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
        ["MessageStatus"] = "delivered",
        ["To"] = "+15551230001",
        ["From"] = "+15005550006",
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["ErrorCode"] = "",
        ["Body"] = "Grüße & good news",
    };

    [Fact]
    public async Task Our_signature_is_accepted_by_the_official_twilio_validator()
    {
        ExternalTools.RequireNodeModule("twilio");
        var signature = new TwilioSignatureValidator(AuthToken).ComputeSignature(Url, Form);

        var valid = await ExternalTools.RunNodeAsync("twilio-validate.js", JsonSerializer.Serialize(Form), AuthToken, signature, Url);
        var tampered = new Dictionary<string, string>(Form) { ["MessageStatus"] = "failed" };
        var invalid = await ExternalTools.RunNodeAsync("twilio-validate.js", JsonSerializer.Serialize(tampered), AuthToken, signature, Url);

        Assert.Equal("true", valid);
        Assert.Equal("false", invalid);
    }

    [Fact]
    public void Validator_rejects_changed_fields_urls_and_tokens()
    {
        var validator = new TwilioSignatureValidator(AuthToken);
        var signature = validator.ComputeSignature(Url, Form);

        Assert.True(validator.IsValid(Url, Form.Reverse(), signature));
        Assert.False(validator.IsValid(Url, new Dictionary<string, string>(Form) { ["MessageStatus"] = "sent" }, signature));
        Assert.False(validator.IsValid(Url + "&x=1", Form, signature));
        Assert.False(new TwilioSignatureValidator("other-token").IsValid(Url, Form, signature));
        Assert.False(validator.IsValid(Url, Form, null));
    }

    [Theory]
    [InlineData(null, "queued", "queued")]
    [InlineData("queued", "sent", "sent")]
    [InlineData("sent", "queued", "sent")]
    [InlineData("delivered", "sent", "delivered")]
    [InlineData("delivered", "failed", "delivered")]
    [InlineData("sent", "undelivered", "undelivered")]
    [InlineData("undelivered", "delivered", "undelivered")]
    [InlineData("delivered", "read", "read")]
    [InlineData("failed", "read", "failed")]
    [InlineData("sent", "bogus", "sent")]
    public void Status_never_moves_backwards(string? current, string incoming, string expected)
        => Assert.Equal(expected, SmsStatusProgression.Advance(current, incoming));
}
