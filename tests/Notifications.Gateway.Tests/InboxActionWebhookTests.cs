using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Notifications.Api;
using Notifications.Channels.Webhook;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

/// <summary>A silo with Inbox:ActionWebhookUrl set, pointing at a local receiver.</summary>
public sealed class ActionWebhookSiloFixture : SiloFixture
{
    public const string Secret = "action-webhook-secret-for-tests";

    public WebhookReceiver Receiver { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Inbox:ActionWebhookUrl"] = Receiver.Url,
        ["Inbox:ActionWebhookSecret"] = Secret,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class InboxActionWebhookTests(ActionWebhookSiloFixture silo) : IClassFixture<ActionWebhookSiloFixture>
{
    [Fact]
    public async Task An_action_click_is_posted_signed_to_the_action_webhook_and_a_types_tags_are_merged_with_the_requests()
    {
        using (var manager = silo.Client(silo.ManageKey))
        {
            var type = new NotificationTypeDefinition
            {
                Type = "invite.sent",
                Category = "social",
                Tags = ["invites"],
                Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Locale = "en", Title = "Invite", Body = "You are invited" }],
            };
            var put = await manager.PutAsJsonAsync("/api/v1/templates/invite.sent", type, Json.Options);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            var bad = type with { Tags = ["Not A Tag"] };
            await Json.ValidationProblemAsync(await manager.PutAsJsonAsync("/api/v1/templates/invite.sent", bad, Json.Options), "tags");
        }
        var user = await silo.CreateUserAsync();
        using var sender = silo.Client(silo.SendKey);
        var sent = await sender.PostAsJsonAsync("/api/v1/notifications", new SendNotificationRequest
        {
            UserId = user,
            Type = "invite.sent",
            Tags = ["team:core"],
            Actions = [new InboxAction("accept", "Accept", "https://example.com/accept")],
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await Json.ReadAsync<SendNotificationResponse>(sent)).Id;
        var item = (await Testing.Eventually.Until(() => silo.InboxAsync(user), p => p.Notifications.Any(n => n.Id == id), "the invite")).Notifications.Single();
        Assert.Equal(["team:core", "invites"], item.Tags);

        using var own = silo.Client(await silo.TokenForAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await own.PostAsync($"/api/v1/users/{user}/notifications/{id}/actions/accept", null)).StatusCode);

        var (headers, body) = await silo.Receiver.NextAsync();
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("action", json.GetProperty("event").GetString());
        Assert.Equal(id, json.GetProperty("notificationId").GetGuid());
        Assert.Equal(user, json.GetProperty("userId").GetString());
        Assert.Equal("accept", json.GetProperty("actionId").GetString());
        Assert.True(json.TryGetProperty("at", out _));
        Assert.True(new WebhookSignature(ActionWebhookSiloFixture.Secret).Verify(
            headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
    }
}
