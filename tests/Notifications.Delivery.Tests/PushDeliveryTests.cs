using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>Push through the REST API to APNs, FCM and Web Push fakes: the exact wire payloads, opens and the email fallback.</summary>
public sealed class PushDeliveryTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    private DeliverySilo Silo => shared.Silo;
    private ProviderFakes Fakes => shared.Silo.Fakes;

    [Fact]
    public async Task Apns_receives_an_http2_request_with_a_valid_provider_token_the_apns_headers_and_the_exact_payload()
    {
        var token = FakeApnsServer.NewDeviceToken();
        var userId = await Silo.CreateUserAsync(new UserProfile { DisplayName = "Ada" });
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, token, null));

        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Sign-in attempt", "Was this you?"),
            Category = "security",
            Priority = Priority.Critical,
            Channels = [ChannelKind.Push],
            Data = new Dictionary<string, string> { ["collapseKey"] = "login", ["location"] = "Berlin" },
        });
        var delivery = await Silo.WaitForStatusAsync(id, DeliveryChannel.Apns, DeliveryStatus.Sent);

        var request = Assert.Single(Fakes.Apns.Requests, r => r.Path == $"/3/device/{token}");
        Assert.Equal(200, request.Status);
        Assert.Equal("HTTP/2", request.Protocol);
        Assert.StartsWith("bearer ", request.Header("authorization"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Fakes.Apns.BundleId, request.Header("apns-topic"));
        Assert.Equal("alert", request.Header("apns-push-type"));
        Assert.Equal("10", request.Header("apns-priority"));
        Assert.Equal("login", request.Header("apns-collapse-id"));
        Assert.True(long.Parse(request.Header("apns-expiration")!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // The apns-id is derived from the delivery's idempotency key, so a retry carries the same id.
        var apnsId = Guid.Parse(request.Header("apns-id")!);
        Assert.Equal(5, apnsId.Version);
        Assert.Equal(apnsId.ToString("D"), delivery.ProviderMessageId);
        Assert.Equal(
            $$"""{"aps":{"alert":{"title":"Sign-in attempt","body":"Was this you?"},"thread-id":"security"},"notificationId":"{{id}}","category":"security","location":"Berlin"}""",
            request.BodyText);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent], delivery.History!.Select(h => h.Status));
        Assert.Equal(token[..4] + "…" + token[^4..], delivery.Target);
    }

    [Fact]
    public async Task Fcm_exchanges_a_signed_service_account_assertion_for_a_token_and_receives_the_v1_message()
    {
        var token = "fcm-" + Guid.NewGuid().ToString("N");
        var userId = await Silo.CreateUserAsync(new UserProfile());
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Android, token, null));

        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("New follower", "Sara follows you"),
            Category = "social",
            Channels = [ChannelKind.Push],
            Data = new Dictionary<string, string> { ["collapseKey"] = "followers", ["actor"] = "Sara" },
        });
        var delivery = await Silo.WaitForStatusAsync(id, DeliveryChannel.Fcm, DeliveryStatus.Sent);

        var exchange = Assert.Single(Fakes.Fcm.Requests, r => r.Path == "/token" && r.Status == 200);
        Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", exchange.BodyText);
        var send = Fakes.Fcm.Sends.Single(r => r.BodyText.Contains(token, StringComparison.Ordinal));
        Assert.Equal(200, send.Status);
        Assert.StartsWith("Bearer ya29.fake-", send.Header("Authorization"));
        Assert.Equal($"/v1/projects/{Fakes.Fcm.ProjectId}/messages:send", send.Path);

        var message = JsonDocument.Parse(send.Body).RootElement.GetProperty("message");
        Assert.Equal(token, message.GetProperty("token").GetString());
        Assert.Equal("""{"title":"New follower","body":"Sara follows you"}""", message.GetProperty("notification").GetRawText());
        Assert.Equal($$"""{"notificationId":"{{id}}","category":"social","actor":"Sara","actors":"Sara","count":"1"}""", message.GetProperty("data").GetRawText());
        var android = message.GetProperty("android");
        Assert.Equal("NORMAL", android.GetProperty("priority").GetString());
        Assert.Equal("86400s", android.GetProperty("ttl").GetString());
        Assert.Equal("followers", android.GetProperty("collapse_key").GetString());
        Assert.StartsWith($"projects/{Fakes.Fcm.ProjectId}/messages/", delivery.ProviderMessageId);
    }

    [Fact]
    public async Task Web_push_is_encrypted_for_the_subscription_and_decrypts_to_the_notification()
    {
        var subscription = Fakes.WebPush.Subscribe(Fakes.Vapid.PublicKey);
        var userId = await Silo.CreateUserAsync(new UserProfile());
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.WebPush, null, subscription));

        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Build finished", "main is green"),
            Category = "ci",
            Priority = Priority.Bulk,
            Channels = [ChannelKind.Push],
            Data = new Dictionary<string, string> { ["build"] = "1234" },
        });
        var delivery = await Silo.WaitForStatusAsync(id, DeliveryChannel.WebPush, DeliveryStatus.Sent);

        var subscriptionId = FakeWebPushServer.IdOf(subscription);
        var request = Assert.Single(Fakes.WebPush.Requests, r => r.Path == "/push/" + subscriptionId);
        Assert.Equal(201, request.Status);
        Assert.Equal("aes128gcm", request.Header("Content-Encoding"));
        Assert.Equal("86400", request.Header("TTL"));
        Assert.Equal("low", request.Header("Urgency"));
        Assert.StartsWith("vapid t=", request.Header("Authorization"));
        var plaintext = Encoding.UTF8.GetString(Assert.Single(Fakes.WebPush.Accepted, a => a.SubscriptionId == subscriptionId).Plaintext);
        Assert.Equal($$$"""{"notificationId":"{{{id}}}","title":"Build finished","body":"main is green","category":"ci","data":{"build":"1234"}}""", plaintext);
        Assert.Equal("subscription", delivery.Target);
    }

    [Fact]
    public async Task An_app_reporting_a_push_opened_moves_its_push_deliveries_to_opened_once()
    {
        var token = FakeApnsServer.NewDeviceToken();
        var userId = await Silo.CreateUserAsync(new UserProfile());
        var other = await Silo.CreateUserAsync(new UserProfile());
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, token, null));
        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Hello", "World"),
            Channels = [ChannelKind.InApp, ChannelKind.Push],
        });
        await Silo.WaitForStatusAsync(id, DeliveryChannel.Apns, DeliveryStatus.Sent);
        var userToken = await TokenForAsync(userId);
        var otherToken = await TokenForAsync(other);

        using var asUser = Silo.Client(userToken);
        using var asOther = Silo.Client(otherToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asOther.PostAsync($"/api/v1/users/{userId}/notifications/{id}/opened", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.PostAsync($"/api/v1/users/{other}/notifications/{id}/opened", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await asUser.PostAsync($"/api/v1/users/{userId}/notifications/{id}/opened", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await asUser.PostAsync($"/api/v1/users/{userId}/notifications/{id}/opened", null)).StatusCode);

        var view = await Silo.GetAsync(id);
        var apns = view.Deliveries.Single(d => d.Channel == DeliveryChannel.Apns);
        Assert.Equal(DeliveryStatus.Opened, apns.Status);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Opened], apns.History!.Select(h => h.Status));
        // The inbox row stays unread: opening a push is not reading the inbox.
        Assert.Equal(DeliveryStatus.Delivered, view.Deliveries.Single(d => d.Channel == DeliveryChannel.InApp).Status);
    }

    [Fact]
    public async Task When_every_push_target_is_dead_the_devices_go_and_the_user_gets_one_email_instead()
    {
        var iosToken = FakeApnsServer.NewDeviceToken();
        var androidToken = "fcm-dead-" + Guid.NewGuid().ToString("N");
        Fakes.Apns.Faults.MarkDead(iosToken);
        Fakes.Fcm.Faults.MarkDead(androidToken);
        var email = $"fallback-{Guid.NewGuid():N}@example.org";
        var userId = await Silo.CreateUserAsync(new UserProfile { Email = email });
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, iosToken, null));
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Android, androidToken, null));

        var id = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Your parcel", "arrives today"),
            Category = "orders",
            Channels = [ChannelKind.Push],
        });

        var mailed = await Silo.WaitForStatusAsync(id, DeliveryChannel.Email, DeliveryStatus.Sent);
        var view = await Silo.GetAsync(id);
        Assert.All(view.Deliveries.Where(d => d.Channel is DeliveryChannel.Apns or DeliveryChannel.Fcm), d =>
        {
            Assert.Equal(DeliveryStatus.Failed, d.Status);
            Assert.StartsWith("TargetDead:", d.Reason);
        });
        Assert.Single(view.Deliveries, d => d.Channel == DeliveryChannel.Email);
        var message = Assert.Single(Fakes.Smtp.Received, e => e.Recipients.Contains(email)).Message;
        Assert.Equal("Your parcel", message.Subject);
        Assert.Equal("arrives today", message.TextBody!.TrimEnd());
        Assert.Equal(mailed.ProviderMessageId, message.Headers["Message-ID"]);

        using var client = Silo.Client();
        var devices = await Eventually.Until(
            async () => await client.GetFromJsonAsync<List<Device>>($"/api/v1/users/{userId}/devices", NotificationJson.Options),
            list => list!.Count == 0,
            "the dead devices are removed");
        Assert.Empty(devices!);
    }

    [Fact]
    public async Task No_email_fallback_for_a_category_whose_email_the_user_switched_off()
    {
        var email = $"optout-{Guid.NewGuid():N}@example.org";
        var userId = await Silo.CreateUserAsync(new UserProfile { Email = email }, new NotificationPreferences
        {
            Categories = new Dictionary<string, CategoryPreference> { ["orders"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = false } } },
        });
        var first = FakeApnsServer.NewDeviceToken();
        Fakes.Apns.Faults.MarkDead(first);
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, first, null));
        var orders = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Your parcel", "arrives today"),
            Category = "orders",
            Channels = [ChannelKind.Push],
        });
        await Silo.WaitForStatusAsync(orders, DeliveryChannel.Apns, DeliveryStatus.Failed);

        // A second dead push in a category that allows email. The APNs worker of this lane finishes the first job
        // (fallback request included) before it claims this one, and the user's grain runs its commands in order:
        // once this email exists, the first notification's fallback request was already handled.
        var second = FakeApnsServer.NewDeviceToken();
        Fakes.Apns.Faults.MarkDead(second);
        await Silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, second, null));
        var billing = await Silo.SendAsync(new SendNotificationRequest
        {
            UserId = userId,
            Content = new InlineContent("Your invoice", "is ready"),
            Category = "billing",
            Channels = [ChannelKind.Push],
        });
        await Silo.WaitForStatusAsync(billing, DeliveryChannel.Email, DeliveryStatus.Sent);

        Assert.DoesNotContain((await Silo.GetAsync(orders)).Deliveries, d => d.Channel == DeliveryChannel.Email);
        Assert.Equal(["Your invoice"], Fakes.Smtp.Received.Where(e => e.Recipients.Contains(email)).Select(e => e.Message.Subject));
    }

    private async Task<string> TokenForAsync(string userId)
    {
        using var client = Silo.Client();
        var response = await client.PostAsJsonAsync($"/api/v1/users/{userId}/tokens", new IssueTokenRequest(null), NotificationJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedToken>(NotificationJson.Options))!.Token;
    }
}
