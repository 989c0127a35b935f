using System.Net;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Delivery.Tests;

/// <summary>SMS through the REST API to the Twilio fake, and Twilio's signed status callbacks back to the silo.</summary>
public sealed class SmsDeliveryTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    /// <summary>What the silo told Twilio, built from Tracking:PublicBaseUrl: the URL Twilio signs, not the one this host sees.</summary>
    private const string CallbackUrl = DeliverySilo.PublicBaseUrl + "api/v1/callbacks/twilio/status";
    private DeliverySilo Silo => shared.Silo;
    private ProviderFakes Fakes => shared.Silo.Fakes;

    private async Task<(Guid Id, DeliveryView Delivery, IReadOnlyDictionary<string, string> Form)> SendSmsAsync()
    {
        var phone = "+1" + Random.Shared.NextInt64(2_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var userId = await Silo.CreateUserAsync(new UserProfile { Phone = phone });
        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Code", "Your code is 424242"),
            Category = "security",
            Channels = [ChannelKind.Sms],
        });
        var delivery = await Silo.WaitForStatusAsync(id, DeliveryChannel.Sms, DeliveryStatus.Sent);
        var form = Assert.Single(Fakes.Twilio.Accepted, f => f["To"] == phone && f["Body"] == "Your code is 424242");
        return (id, delivery, form);
    }

    [Fact]
    public async Task Twilio_receives_the_form_with_the_public_status_callback_url()
    {
        var (_, delivery, form) = await SendSmsAsync();

        // The Twilio SDK orders the fields its own way; Twilio reads them by name.
        Assert.Equal(["Body", "From", "StatusCallback", "To"], form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ProviderFakes.SmsFrom, form["From"]);
        Assert.Equal(CallbackUrl, form["StatusCallback"]);
        var request = Assert.Single(Fakes.Twilio.Requests, r => r.BodyText.Contains(Uri.EscapeDataString(form["To"]), StringComparison.Ordinal));
        Assert.Equal($"/2010-04-01/Accounts/{Fakes.Twilio.AccountSid}/Messages.json", request.Path);
        Assert.Equal(201, request.Status);
        Assert.StartsWith("SM", delivery.ProviderMessageId);
        Assert.Equal("****" + form["To"][^4..], delivery.Target[^8..]);
    }

    [Fact]
    public async Task Signed_status_callbacks_move_the_delivery_forward_only_and_repeats_change_nothing()
    {
        var (id, delivery, _) = await SendSmsAsync();
        var sid = delivery.ProviderMessageId!;

        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(sid, "sent"));
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(sid, "delivered"));
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(sid, "delivered"));
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(sid, "sent"));
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(sid, "undelivered", errorCode: "30003"));
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(sid, "some-new-status"));

        var tracked = (await Silo.GetAsync(id)).Deliveries.Single(d => d.Channel == DeliveryChannel.Sms);
        Assert.Equal(DeliveryStatus.Delivered, tracked.Status);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Delivered], tracked.History!.Select(h => h.Status));
        Assert.Equal("twilio: delivered", tracked.History![2].Detail);
    }

    [Fact]
    public async Task Undelivered_is_recorded_as_bounced_with_twilios_error_code()
    {
        var (id, delivery, _) = await SendSmsAsync();
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(delivery.ProviderMessageId!, "undelivered", errorCode: "30005"));
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync(delivery.ProviderMessageId!, "delivered"));

        var tracked = (await Silo.GetAsync(id)).Deliveries.Single(d => d.Channel == DeliveryChannel.Sms);
        Assert.Equal(DeliveryStatus.Bounced, tracked.Status);
        Assert.Equal("twilio: undelivered (error 30005)", tracked.History![^1].Detail);
    }

    [Fact]
    public async Task A_callback_with_a_bad_signature_is_refused_and_changes_nothing()
    {
        var (id, delivery, _) = await SendSmsAsync();
        var sid = delivery.ProviderMessageId!;
        var fields = Fields(sid, "delivered");
        var valid = Fakes.Twilio.Sign(CallbackUrl, fields);

        // Signed with another account's token; signed over the URL this host sees; a field changed after signing; no signature.
        await using var otherAccount = new FakeTwilioServer();
        var otherToken = otherAccount.Sign(CallbackUrl, fields);
        var localUrl = Fakes.Twilio.Sign("http://localhost/api/v1/callbacks/twilio/status", fields);
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(fields, otherToken));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(fields, localUrl));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Fields(sid, "delivered", errorCode: "1"), valid));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(fields, null));

        Assert.Equal(DeliveryStatus.Sent, (await Silo.GetAsync(id)).Deliveries.Single(d => d.Channel == DeliveryChannel.Sms).Status);
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(fields, valid));
        Assert.Equal(DeliveryStatus.Delivered, (await Silo.GetAsync(id)).Deliveries.Single(d => d.Channel == DeliveryChannel.Sms).Status);
    }

    [Fact]
    public async Task A_signed_callback_for_an_unknown_message_is_acknowledged()
    {
        Assert.Equal(HttpStatusCode.NoContent, await CallbackAsync("SM" + Guid.NewGuid().ToString("N"), "delivered"));
    }

    private Task<HttpStatusCode> CallbackAsync(string sid, string status, string? errorCode = null)
    {
        var fields = Fields(sid, status, errorCode);
        return PostAsync(fields, Fakes.Twilio.Sign(CallbackUrl, fields));
    }

    private async Task<HttpStatusCode> PostAsync(List<KeyValuePair<string, string>> fields, string? signature)
    {
        using var client = Silo.Client(bearer: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/callbacks/twilio/status") { Content = new FormUrlEncodedContent(fields) };
        if (signature is not null)
        {
            request.Headers.Add(FakeTwilioServer.SignatureHeader, signature);
        }
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>The fields Twilio posts on a status change.</summary>
    private List<KeyValuePair<string, string>> Fields(string sid, string status, string? errorCode = null)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("AccountSid", Fakes.Twilio.AccountSid),
            new("ApiVersion", "2010-04-01"),
            new("From", ProviderFakes.SmsFrom),
            new("MessageSid", sid),
            new("MessageStatus", status),
            new("SmsSid", sid),
            new("SmsStatus", status),
            new("To", "+14155550000"),
        ];
        if (errorCode is not null)
        {
            fields.Add(new("ErrorCode", errorCode));
        }
        return fields;
    }
}
