using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Delivery.Tests;

/// <summary>A delivery that exhausts its attempts becomes a dead letter an admin can list and replay.</summary>
public sealed class DeadLetterTests : IAsyncLifetime
{
    private DeliverySilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DeliverySilo.StartAsync(new Dictionary<string, string?>
    {
        ["Silo:Delivery:MaxAttempts"] = "2",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Exhausted_delivery_is_listed_for_admins_and_replay_requeues_it_with_attempts_reset()
    {
        var hook = _silo.Fakes.Webhook.Hook("billing");
        await _silo.PutTypeAsync(new NotificationTypeDefinition
        {
            Type = "invoice.paid",
            Category = "billing",
            Channels = [ChannelKind.Webhook],
            WebhookUrl = hook.AbsoluteUri,
            Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "Invoice {{n}} paid", Body = "Thanks." }],
        });
        var userId = await _silo.CreateUserAsync(new UserProfile());
        _silo.Fakes.Webhook.Faults.StartOutage();

        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = "invoice.paid", Data = new Dictionary<string, string> { ["n"] = $"{i}" } }));
        }
        var dead = new List<DeliveryView>();
        foreach (var id in ids)
        {
            dead.Add(await _silo.WaitForStatusAsync(id, DeliveryChannel.Webhook, DeliveryStatus.DeadLettered));
        }
        Assert.All(dead, d => Assert.Equal(2, d.Attempts));

        using var admin = _silo.Client();
        var first = await admin.GetFromJsonAsync<DeadLetterPage>("/api/v1/admin/dead-letters?limit=2", NotificationJson.Options);
        Assert.Equal(dead.Select(d => d.Id).OrderDescending().Take(2), first!.DeadLetters.Select(d => d.Id));
        Assert.NotNull(first.NextCursor);
        var second = await admin.GetFromJsonAsync<DeadLetterPage>($"/api/v1/admin/dead-letters?limit=2&cursor={first.NextCursor}", NotificationJson.Options);
        Assert.Equal([dead.Min(d => d.Id)], second!.DeadLetters.Select(d => d.Id));
        Assert.Null(second.NextCursor);
        var letter = first.DeadLetters[0];
        Assert.Equal(DeliveryChannel.Webhook, letter.Channel);
        Assert.Equal(userId, letter.UserId);
        Assert.Equal("webhook answered 503", letter.Reason);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/admin/dead-letters?cursor=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/admin/dead-letters?limit=0")).StatusCode);

        using var producer = _silo.Client(await CreateKeyAsync(admin, "send"));
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.GetAsync("/api/v1/admin/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.PostAsync($"/api/v1/admin/dead-letters/{letter.Id}/replay", null)).StatusCode);

        _silo.Fakes.Webhook.Faults.EndOutage();
        var replay = await admin.PostAsync($"/api/v1/admin/dead-letters/{letter.Id}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await replay.Content.ReadFromJsonAsync<ReplayedDelivery>(NotificationJson.Options);
        Assert.Equal(letter.NotificationId, replayed!.NotificationId);
        Assert.Equal($"/api/v1/notifications/{letter.NotificationId}", replay.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/dead-letters/{letter.Id}/replay", null)).StatusCode);

        var sent = await _silo.WaitForStatusAsync(letter.NotificationId, DeliveryChannel.Webhook, DeliveryStatus.Sent);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(
            [DeliveryStatus.Queued, DeliveryStatus.Queued, DeliveryStatus.DeadLettered, DeliveryStatus.Queued, DeliveryStatus.Sent],
            sent.History!.Select(h => h.Status));
        Assert.Equal("replayed by an operator", sent.History![3].Detail);
        Assert.Equal(2, (await admin.GetFromJsonAsync<DeadLetterPage>("/api/v1/admin/dead-letters", NotificationJson.Options))!.DeadLetters.Count);
        Assert.Single(_silo.Fakes.Webhook.Accepted);
    }

    private static async Task<string> CreateKeyAsync(HttpClient admin, string scope)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("dead-letter test", [scope]), NotificationJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ApiKeyView>(NotificationJson.Options))!.Key!;
    }
}
