using System.Text.Json;
using Notifications.Channels.Fakes;
using Notifications.Channels.Sms;
using Twilio.Security;

namespace Notifications.Channels.Tests.Protocols;

/// <summary>
/// Callback signatures: the fake signs as Twilio does, the official Node validator agrees with it, and the Twilio
/// SDK's <see cref="RequestValidator"/> (what the gateway checks with) accepts exactly the untouched callback.
/// </summary>
public sealed class TwilioSignatureTests : IAsyncLifetime
{
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

    private readonly FakeTwilioServer twilio = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await twilio.DisposeAsync();

    [Fact]
    public async Task The_fakes_signature_is_accepted_by_the_official_twilio_validator()
    {
        ExternalTools.RequireNodeModule("twilio");
        var signature = twilio.Sign(Url, Form);

        var valid = await ExternalTools.RunNodeAsync("twilio-validate.js", JsonSerializer.Serialize(Form), twilio.AuthToken, signature, Url);
        var tampered = new Dictionary<string, string>(Form) { ["MessageStatus"] = "failed" };
        var invalid = await ExternalTools.RunNodeAsync("twilio-validate.js", JsonSerializer.Serialize(tampered), twilio.AuthToken, signature, Url);

        Assert.Equal("true", valid);
        Assert.Equal("false", invalid);
    }

    [Fact]
    public void The_sdk_validator_rejects_changed_fields_urls_and_tokens()
    {
        var validator = new RequestValidator(twilio.AuthToken);
        var signature = twilio.Sign(Url, Form);

        Assert.True(validator.Validate(Url, Form.Reverse().ToDictionary(), signature));
        Assert.False(validator.Validate(Url, new Dictionary<string, string>(Form) { ["MessageStatus"] = "sent" }, signature));
        Assert.False(validator.Validate(Url + "&x=1", Form, signature));
        Assert.False(new RequestValidator("other-token").Validate(Url, Form, signature));
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
