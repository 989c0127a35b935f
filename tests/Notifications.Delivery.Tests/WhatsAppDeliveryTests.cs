using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>
/// WhatsApp through the REST API to the Twilio fake: opt-in, the session Twilio's signed inbound webhook opens,
/// the template outside it, STOP, and statuses through the same signed status callback as SMS.
/// </summary>
public sealed class WhatsAppDeliveryTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    private const string InboundUrl = DeliverySilo.PublicBaseUrl + "api/v1/callbacks/twilio/whatsapp";
    private const string StatusUrl = DeliverySilo.PublicBaseUrl + "api/v1/callbacks/twilio/status";
    private const string ShippedContent = "HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Shipped = "order.shipped.whatsapp";

    private DeliverySilo Silo => shared.Silo;
    private ProviderFakes Fakes => shared.Silo.Fakes;

    private static string NewNumber() => "+1" + Random.Shared.NextInt64(2_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);

    private async Task DefineShippedAsync()
    {
        Fakes.Twilio.ApproveContent(ShippedContent);
        await Silo.PutTypeAsync(new NotificationTypeDefinition
        {
            Type = Shipped,
            Category = "orders",
            Channels = [ChannelKind.WhatsApp],
            Templates =
            [
                new NotificationTemplate
                {
                    Channel = ChannelKind.WhatsApp,
                    Title = "Shipped",
                    Body = "Order {{orderId}} is on its way.",
                    ContentSid = ShippedContent,
                    ContentVariables = new Dictionary<string, string> { ["1"] = "{{orderId}}" },
                },
            ],
        });
    }

    private Task<Guid> SendShippedAsync(string userId, string orderId) => Silo.SendAsync(new SendNotificationRequest
    {
        UserId = userId,
        Type = Shipped,
        Data = new Dictionary<string, string> { ["orderId"] = orderId },
    });

    [Fact]
    public async Task The_template_goes_before_the_user_wrote_to_us_and_free_form_text_after()
    {
        await DefineShippedAsync();
        var number = NewNumber();
        var userId = await Silo.CreateUserAsync(new UserProfile { WhatsApp = number, WhatsAppOptIn = true });

        var first = await SendShippedAsync(userId, "1001");
        await Silo.WaitForStatusAsync(first, DeliveryChannel.WhatsApp, DeliveryStatus.Sent);
        var template = Assert.Single(Fakes.Twilio.Accepted, f => f["To"] == "whatsapp:" + number);
        Assert.Equal(ShippedContent, template["ContentSid"]);
        Assert.Equal("""{"1":"1001"}""", template["ContentVariables"]);
        Assert.Equal("whatsapp:" + ProviderFakes.SmsFrom, template["From"]);

        Fakes.Twilio.UserMessaged(number);
        Assert.Equal(HttpStatusCode.NoContent, await InboundAsync(number, "Where is order 1002?"));
        var second = await SendShippedAsync(userId, "1002");
        await Silo.WaitForStatusAsync(second, DeliveryChannel.WhatsApp, DeliveryStatus.Sent);

        var text = Assert.Single(Fakes.Twilio.Accepted, f => f["To"] == "whatsapp:" + number && !f.ContainsKey("ContentSid"));
        Assert.Equal("Order 1002 is on its way.", text["Body"]);
    }

    [Fact]
    public async Task Outside_the_window_without_a_content_sid_the_delivery_fails_once_for_good()
    {
        var userId = await Silo.CreateUserAsync(new UserProfile { WhatsApp = NewNumber(), WhatsAppOptIn = true });

        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Hello", "Free-form text"),
            Category = "orders",
            Channels = [ChannelKind.WhatsApp],
        });

        var failed = await Silo.WaitForStatusAsync(id, DeliveryChannel.WhatsApp, DeliveryStatus.Failed);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("outside the 24-hour WhatsApp session window", failed.Reason);
    }

    [Fact]
    public async Task STOP_through_the_signed_webhook_opts_out_and_nothing_more_is_sent()
    {
        var number = NewNumber();
        var userId = await Silo.CreateUserAsync(new UserProfile { WhatsApp = number, WhatsAppOptIn = true });
        Assert.NotNull((await GetUserAsync(userId)).WhatsApp!.OptedInAt);

        Assert.Equal(HttpStatusCode.NoContent, await InboundAsync(number, "STOP"));

        var user = await GetUserAsync(userId);
        Assert.False(user.Profile.WhatsAppOptIn);
        Assert.NotNull(user.WhatsApp!.OptedOutAt);
        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Hello", "Anyone there?"),
            Category = "orders",
            Channels = [ChannelKind.WhatsApp],
        });
        var view = await Eventually.Until(() => Silo.GetAsync(id), v => v.Status != "accepted", "the notification is processed");
        Assert.Equal("suppressed", view.Status);
        Assert.DoesNotContain(Fakes.Twilio.Requests, r => r.BodyText.Contains(Uri.EscapeDataString(number), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsigned_or_forged_inbound_message_is_refused_and_changes_nothing()
    {
        var number = NewNumber();
        var userId = await Silo.CreateUserAsync(new UserProfile { WhatsApp = number, WhatsAppOptIn = true });
        var fields = InboundFields(number, "STOP");
        await using var otherAccount = new FakeTwilioServer();

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("/api/v1/callbacks/twilio/whatsapp", fields, null));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("/api/v1/callbacks/twilio/whatsapp", fields, otherAccount.Sign(InboundUrl, fields)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("/api/v1/callbacks/twilio/whatsapp", fields, Fakes.Twilio.Sign(StatusUrl, fields)));

        Assert.True((await GetUserAsync(userId)).Profile.WhatsAppOptIn);
    }

    [Fact]
    public async Task Statuses_come_through_the_signed_status_callback_like_sms()
    {
        await DefineShippedAsync();
        var number = NewNumber();
        var userId = await Silo.CreateUserAsync(new UserProfile { WhatsApp = number, WhatsAppOptIn = true });
        var id = await SendShippedAsync(userId, "2001");
        var sent = await Silo.WaitForStatusAsync(id, DeliveryChannel.WhatsApp, DeliveryStatus.Sent);

        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", Fakes.Twilio.AccountSid),
            new("From", "whatsapp:" + ProviderFakes.SmsFrom),
            new("MessageSid", sent.ProviderMessageId!),
            new("MessageStatus", "read"),
            new("To", "whatsapp:" + number),
        ];
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync("/api/v1/callbacks/twilio/status", fields, Fakes.Twilio.Sign(StatusUrl, fields)));

        var read = await Silo.WaitForStatusAsync(id, DeliveryChannel.WhatsApp, DeliveryStatus.Opened);
        Assert.Equal("twilio: read", read.History![^1].Detail);
    }

    private async Task<UserView> GetUserAsync(string userId)
    {
        using var client = Silo.Client();
        return (await client.GetFromJsonAsync<UserView>($"/api/v1/users/{userId}", NotificationJson.Options))!;
    }

    private Task<HttpStatusCode> InboundAsync(string number, string body)
    {
        var fields = InboundFields(number, body);
        return PostAsync("/api/v1/callbacks/twilio/whatsapp", fields, Fakes.Twilio.Sign(InboundUrl, fields));
    }

    /// <summary>The fields Twilio posts when a WhatsApp user writes to our sender.</summary>
    private List<KeyValuePair<string, string>> InboundFields(string number, string body) =>
    [
        new("AccountSid", Fakes.Twilio.AccountSid),
        new("Body", body),
        new("From", "whatsapp:" + number),
        new("MessageSid", "SM" + Guid.NewGuid().ToString("N")),
        new("NumMedia", "0"),
        new("ProfileName", "Ada"),
        new("To", "whatsapp:" + ProviderFakes.SmsFrom),
        new("WaId", number.TrimStart('+')),
    ];

    private async Task<HttpStatusCode> PostAsync(string path, List<KeyValuePair<string, string>> fields, string? signature)
    {
        using var client = Silo.Client(bearer: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (signature is not null)
        {
            request.Headers.Add(FakeTwilioServer.SignatureHeader, signature);
        }
        return (await client.SendAsync(request)).StatusCode;
    }
}
