using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications.Api;
using Notifications.Channels.Webhook;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Delivery.Tests;

/// <summary>
/// The webhook channel: a producer that wants its notifications as events names a webhookUrl on the notification
/// type (or the silo has Silo:Delivery:DefaultWebhookUrl); deliveries of that type then POST signed JSON there.
/// </summary>
public sealed class WebhookDeliveryTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    private DeliverySilo Silo => shared.Silo;
    private ProviderFakes Fakes => shared.Silo.Fakes;

    [Fact]
    public async Task The_types_webhook_receives_the_signed_notification()
    {
        var hook = Fakes.Webhook.Hook("orders");
        await Silo.PutTypeAsync(new NotificationTypeDefinition
        {
            Type = "order.shipped",
            Category = "orders",
            Channels = [ChannelKind.InApp, ChannelKind.Webhook],
            WebhookUrl = hook.AbsoluteUri,
            Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "Order {{orderId}} shipped", Body = "It arrives {{day}}." }],
        });
        var userId = await Silo.CreateUserAsync(new UserProfile());

        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Type = "order.shipped",
            Data = new Dictionary<string, string> { ["orderId"] = "42", ["day"] = "Friday" },
        });
        var delivery = await Silo.WaitForStatusAsync(id, DeliveryChannel.Webhook, DeliveryStatus.Sent);

        var request = Assert.Single(Fakes.Webhook.Requests, r => r.BodyText.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Equal(204, request.Status);
        Assert.Equal("/hooks/orders", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        var signature = new WebhookSignature(ProviderFakes.WebhookSecret);
        Assert.True(signature.Verify(request.Header(WebhookSignature.TimestampHeader), request.Header(WebhookSignature.SignatureHeader), request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(request.Header(WebhookSignature.IdHeader), body.GetProperty("id").GetString());
        Assert.Equal($"{id:N}:Webhook:webhook", body.GetProperty("id").GetString());
        Assert.Equal(id, body.GetProperty("notificationId").GetGuid());
        Assert.Equal(userId, body.GetProperty("userId").GetString());
        Assert.Equal("normal", body.GetProperty("lane").GetString());
        Assert.Equal("orders", body.GetProperty("category").GetString());
        Assert.Equal("order.shipped", body.GetProperty("type").GetString());
        Assert.Equal("Order 42 shipped", body.GetProperty("title").GetString());
        Assert.Equal("It arrives Friday.", body.GetProperty("body").GetString());
        Assert.Equal("""{"day":"Friday","orderId":"42"}""", body.GetProperty("data").GetRawText());
        Assert.Equal(hook.AbsoluteUri[..4], delivery.Target[..4]);
    }

    [Fact]
    public async Task Webhook_channel_without_a_url_anywhere_is_refused_at_accept_time()
    {
        var userId = await Silo.CreateUserAsync(new UserProfile());
        using var client = Silo.Client();
        var response = await client.PostAsJsonAsync("/api/v1/notifications", new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("t", "b"),
            Channels = [ChannelKind.Webhook],
        }, NotificationJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("webhook", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_type_with_an_unusable_webhook_url_is_refused()
    {
        using var client = Silo.Client();
        var response = await client.PutAsJsonAsync("/api/v1/templates/bad.hook", new NotificationTypeDefinition
        {
            Type = "bad.hook",
            Category = "orders",
            Channels = [ChannelKind.Webhook],
            WebhookUrl = "ftp://example.com/hook",
            Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "t", Body = "b" }],
        }, NotificationJson.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("webhookUrl", await response.Content.ReadAsStringAsync());
    }
}
