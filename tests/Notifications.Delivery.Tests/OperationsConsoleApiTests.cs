using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>
/// The admin API the operations console reads, against the real provider fakes: dead letters are inspected, filtered
/// and replayed in bulk, and a user is looked up with their deliveries. Keys without the admin scope get 403 everywhere.
/// </summary>
public sealed class OperationsConsoleApiTests : IAsyncLifetime
{
    private DeliverySilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DeliverySilo.StartAsync(new Dictionary<string, string?>
    {
        ["Silo:Delivery:MaxAttempts"] = "2",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Dead_letters_are_inspected_filtered_and_replayed_in_bulk_and_missing_ids_are_named()
    {
        using var admin = _silo.Client();
        var hook = _silo.Fakes.Webhook.Hook("dead");
        await _silo.PutWebhookTypeAsync("ops.event", hook);
        var userId = await _silo.CreateUserAsync(new UserProfile());
        _silo.Fakes.Webhook.Faults.StartOutage();
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add(await _silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = "ops.event" }));
        }
        var dead = new List<DeliveryView>();
        foreach (var id in ids)
        {
            dead.Add(await _silo.WaitForStatusAsync(id, DeliveryChannel.Webhook, DeliveryStatus.DeadLettered));
        }

        var detail = await admin.GetFromJsonAsync<DeadLetterDetail>($"/api/v1/admin/dead-letters/{dead[0].Id}", NotificationJson.Options);
        Assert.Equal(ids[0], detail!.DeadLetter.NotificationId);
        Assert.Equal(ids[0], detail.Notification!.Id);
        Assert.Equal(DeliveryStatus.DeadLettered, detail.Notification.Deliveries.Single(d => d.Id == dead[0].Id).History![^1].Status);
        Assert.Equal(2, (await admin.GetFromJsonAsync<DeadLetterPage>("/api/v1/admin/dead-letters?channel=webhook", NotificationJson.Options))!.DeadLetters.Count(d => d.UserId == userId));
        Assert.Empty((await admin.GetFromJsonAsync<DeadLetterPage>("/api/v1/admin/dead-letters?channel=WEBPUSH", NotificationJson.Options))!.DeadLetters);
        foreach (var bad in new[] { "?channel=carrier-pigeon", "?channel=1" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/admin/dead-letters{bad}")).StatusCode);
        }
        foreach (var bad in new[] { """{"deliveryIds":[]}""", """{"deliveryIds":[1,1]}""", "{}" })
        {
            var refused = await admin.PostAsync("/api/v1/admin/dead-letters/replay", new StringContent(bad, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/dead-letters/{long.MaxValue}")).StatusCode);

        _silo.Fakes.Webhook.Faults.EndOutage();
        var replay = await admin.PostAsJsonAsync("/api/v1/admin/dead-letters/replay", new ReplayManyRequest([dead[0].Id, dead[1].Id, long.MaxValue]), NotificationJson.Options);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = await replay.Content.ReadFromJsonAsync<ReplayManyResponse>(NotificationJson.Options);
        Assert.Equal([dead[0].Id, dead[1].Id], result!.Replayed.Select(r => r.Id));
        Assert.Equal([long.MaxValue], result.Missing);
        foreach (var id in ids)
        {
            await _silo.WaitForStatusAsync(id, DeliveryChannel.Webhook, DeliveryStatus.Sent);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/dead-letters/{dead[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task A_user_is_looked_up_with_their_newest_notifications_and_only_by_admins()
    {
        using var admin = _silo.Client();
        var hook = _silo.Fakes.Webhook.Hook("lookup");
        await _silo.PutWebhookTypeAsync("ops.event", hook);
        var userId = await _silo.CreateUserAsync(new UserProfile { DisplayName = "Ada", Email = "ada@example.org" });
        var id = await _silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = "ops.event" });
        await _silo.WaitForStatusAsync(id, DeliveryChannel.Webhook, DeliveryStatus.Sent);

        var found = await admin.GetFromJsonAsync<UserLookup>($"/api/v1/admin/users/{userId}", NotificationJson.Options);
        Assert.Equal("Ada", found!.User.Profile.DisplayName);
        var recent = Assert.Single(found.RecentNotifications);
        Assert.Equal(id, recent.Id);
        Assert.Contains(recent.Deliveries, d => d.Channel == DeliveryChannel.Webhook && d.Status == DeliveryStatus.Sent && d.History!.Count >= 2);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/users/nobody-at-all")).StatusCode);

        var key = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("not an operator", ["send", "manage"]), NotificationJson.Options);
        using var producer = _silo.Client((await key.Content.ReadFromJsonAsync<ApiKeyView>(NotificationJson.Options))!.Key!);
        foreach (var path in new[] { $"/api/v1/admin/users/{userId}", "/api/v1/admin/operations", "/api/v1/admin/operations/live", $"/api/v1/admin/dead-letters/1" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await producer.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.PostAsJsonAsync("/api/v1/admin/dead-letters/replay", new ReplayManyRequest([1]), NotificationJson.Options)).StatusCode);
        using var anonymous = _silo.Client(bearer: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/operations")).StatusCode);
    }

}
