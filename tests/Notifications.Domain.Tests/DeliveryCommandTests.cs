using System.Text.Json;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>What the delivery side asks of a user's grain: push→email fallback, one-click unsubscribe, webhook targets.</summary>
public sealed class DeliveryCommandTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Device Iphone = new() { Id = "d1", Kind = DeviceKind.Ios, Token = new string('a', 64) };
    private static readonly UserProfile Profile = new() { Email = "ada@example.com", Locale = "fr-CA" };

    private static PushFallbackCommand Fallback(Guid id, string category = "social", bool critical = false, InlineContent? inline = null) => new()
    {
        UserId = "u1",
        NotificationId = id,
        Type = inline is null ? "post.liked" : null,
        Category = category,
        Critical = critical,
        Priority = Priority.High,
        Content = inline,
        Data = new Dictionary<string, string> { ["actors"] = "Ahmed" },
        Reason = "TargetDead: Unregistered",
    };

    [Fact]
    public void Push_fallback_creates_one_email_delivery_rendered_for_email_in_the_users_locale()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, null, Iphone);
        var id = Guid.NewGuid();

        var effects = grain.Run(Fallback(id), Noon);

        var job = Assert.Single(effects.Deliveries);
        Assert.Equal(DeliveryChannel.Email, job.Channel);
        Assert.Equal("ada@example.com", job.Target);
        Assert.Equal(id, job.NotificationId);
        Assert.Equal(Priority.High, job.Lane);
        Assert.Equal(Noon, job.DueAt);
        Assert.Equal(DeliveryStatus.Queued, job.Status);
        Assert.Equal("Ahmed", job.Content.Body);
        Assert.Equal($"{id:N}:Email:fallback", job.IdempotencyKey);
        Assert.Empty(effects.Inbox);
        Assert.Empty(effects.Notifications);
    }

    [Fact]
    public void Push_fallback_for_inline_content_mails_that_content()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);

        var effects = grain.Run(Fallback(Guid.NewGuid(), inline: new InlineContent("Title", "Text")), Noon);

        Assert.Equal("Text", Assert.Single(effects.Deliveries).Content.Body);
    }

    [Fact]
    public void Push_fallback_asked_twice_sends_one_email_and_survives_a_state_round_trip()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        var id = Guid.NewGuid();

        Assert.Single(grain.Run(Fallback(id), Noon).Deliveries);
        var stored = JsonSerializer.Deserialize<Domain.State.UserState>(JsonSerializer.Serialize(grain.Rules.State, NotificationJson.Options), NotificationJson.Options)!;
        var reloaded = new RulesHarness();
        reloaded.Rules.State.PushFallbacks.AddRange(stored.PushFallbacks);
        reloaded.Register(Profile);

        Assert.Empty(grain.Run(Fallback(id), Noon).Deliveries);
        Assert.Empty(reloaded.Run(Fallback(id), Noon).Deliveries);
        Assert.Single(grain.Run(Fallback(Guid.NewGuid()), Noon).Deliveries);
    }

    [Fact]
    public void Push_fallback_respects_email_opt_outs_unless_the_category_is_critical()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences
        {
            Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = false },
            Categories = new Dictionary<string, CategoryPreference>
            {
                ["billing"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = true } },
            },
        });

        Assert.Empty(grain.Run(Fallback(Guid.NewGuid(), "social"), Noon).Deliveries);
        Assert.Single(grain.Run(Fallback(Guid.NewGuid(), "billing"), Noon).Deliveries);
        Assert.Single(grain.Run(Fallback(Guid.NewGuid(), "security", critical: true), Noon).Deliveries);
    }

    [Fact]
    public void Push_fallback_without_an_email_address_sends_nothing()
    {
        var grain = new RulesHarness();
        grain.Register(Profile with { Email = null });
        Assert.Empty(grain.Run(Fallback(Guid.NewGuid(), critical: true), Noon).Deliveries);

        var unregistered = new RulesHarness();
        Assert.Empty(unregistered.Run(Fallback(Guid.NewGuid()), Noon).Deliveries);
    }

    [Fact]
    public void Remembered_fallbacks_are_bounded()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        var first = Guid.NewGuid();
        grain.Run(Fallback(first), Noon);
        for (var i = 0; i < Users.UserRules.MaxRememberedFallbacks; i++)
        {
            grain.Run(Fallback(Guid.NewGuid()), Noon);
        }
        Assert.Equal(Users.UserRules.MaxRememberedFallbacks, grain.Rules.State.PushFallbacks.Count);
        Assert.DoesNotContain(first, grain.Rules.State.PushFallbacks);
    }

    [Fact]
    public void Setting_one_channel_of_one_category_keeps_every_other_preference()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences
        {
            Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Sms] = false },
            Categories = new Dictionary<string, CategoryPreference>
            {
                ["marketing"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Push] = false }, Digest = DigestCadence.Daily },
            },
            QuietHours = new QuietHours("22:00", "07:00"),
        });

        grain.Run(new SetChannelPreferenceCommand { UserId = "u1", Category = "marketing", Channel = ChannelKind.Email, Enabled = false }, Noon);
        grain.Run(new SetChannelPreferenceCommand { UserId = "u1", Category = "news", Channel = ChannelKind.Email, Enabled = false }, Noon);

        var preferences = grain.Rules.State.Preferences;
        Assert.False(preferences.Channels[ChannelKind.Sms]);
        Assert.Equal("22:00", preferences.QuietHours!.Start);
        Assert.False(preferences.Categories["marketing"].Channels[ChannelKind.Email]);
        Assert.False(preferences.Categories["marketing"].Channels[ChannelKind.Push]);
        Assert.Equal(DigestCadence.Daily, preferences.Categories["marketing"].Digest);
        Assert.False(preferences.Categories["news"].Channels[ChannelKind.Email]);

        var effects = grain.Run(grain.Notify("news", channels: [ChannelKind.InApp, ChannelKind.Email]), Noon);
        Assert.Equal([DeliveryChannel.InApp], RulesHarness.Reached(effects));
    }

    [Fact]
    public void Webhook_channel_targets_the_url_resolved_at_accept_time_and_follows_the_users_switch()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        var notify = grain.Notify(channels: [ChannelKind.InApp, ChannelKind.Webhook]) with { WebhookUrl = "https://producer.example.com/hooks/likes" };

        var effects = grain.Run(notify, Noon);
        var job = Assert.Single(effects.Deliveries);
        Assert.Equal(DeliveryChannel.Webhook, job.Channel);
        Assert.Equal("https://producer.example.com/hooks/likes", job.Target);

        Assert.Empty(grain.Run(notify with { NotificationId = Guid.NewGuid(), WebhookUrl = null }, Noon).Deliveries);

        grain.Run(new SetChannelPreferenceCommand { UserId = "u1", Category = "social", Channel = ChannelKind.Webhook, Enabled = false }, Noon);
        Assert.Empty(grain.Run(notify with { NotificationId = Guid.NewGuid() }, Noon).Deliveries);
    }

    [Fact]
    public void New_commands_round_trip_through_the_stream_json()
    {
        UserCommand[] commands =
        [
            Fallback(Guid.NewGuid(), inline: new InlineContent("T", "B")),
            new SetChannelPreferenceCommand { UserId = "u1", Category = "marketing", Channel = ChannelKind.Email, Enabled = false },
        ];
        foreach (var command in commands)
        {
            var json = JsonSerializer.Serialize(command, NotificationJson.Options);
            var back = JsonSerializer.Deserialize<UserCommand>(json, NotificationJson.Options);
            Assert.Equal(command.GetType(), back!.GetType());
            Assert.Equal(json, JsonSerializer.Serialize(back, NotificationJson.Options));
        }
    }
}
