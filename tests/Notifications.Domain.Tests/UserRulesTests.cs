using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Model;

namespace Notifications.Domain.Tests;

public sealed class UserRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Device Iphone = new() { Id = "d1", Kind = DeviceKind.Ios, Token = new string('a', 64) };
    private static readonly UserProfile Profile = new() { Email = "ada@example.com", Phone = "+14155550100", TimeZone = "Europe/Berlin" };

    [Fact]
    public void Notification_fans_out_to_inbox_push_and_email_targets()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, devices: Iphone);

        var effects = grain.Run(grain.Notify(actor: "Ahmed"), Noon);

        Assert.Single(effects.Inbox);
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Apns, DeliveryChannel.Email], RulesHarness.Reached(effects));
        Assert.Equal(NotificationStatus.Dispatched, Assert.Single(effects.Notifications).Status);
        Assert.All(effects.Deliveries, d => Assert.Equal(DeliveryStatus.Queued, d.Status));
        Assert.Equal("Ahmed", effects.Inbox[0].Body);
    }

    [Fact]
    public void Global_opt_out_drops_the_channel_and_a_category_switch_overrides_it()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences
        {
            Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = false },
            Categories = new Dictionary<string, CategoryPreference>
            {
                ["billing"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = true } },
                ["marketing"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Push] = false } },
            },
        }, Iphone);

        var social = grain.Run(grain.Notify("social"), Noon);
        var billing = grain.Run(grain.Notify("billing"), Noon);
        var marketing = grain.Run(grain.Notify("marketing"), Noon);

        Assert.DoesNotContain(social.Deliveries, d => d.Channel == DeliveryChannel.Email);
        Assert.Contains(billing.Deliveries, d => d.Channel == DeliveryChannel.Email);
        Assert.Equal([DeliveryChannel.InApp], RulesHarness.Reached(marketing));
    }

    [Fact]
    public void Critical_category_bypasses_opt_outs_and_quiet_hours_but_not_missing_targets()
    {
        var grain = new RulesHarness();
        grain.Register(Profile with { Phone = null }, new NotificationPreferences
        {
            Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Push] = false, [ChannelKind.Email] = false },
            QuietHours = new QuietHours("00:00", "23:59"),
        }, Iphone);

        var effects = grain.Run(grain.Notify("security", critical: true, channels: [ChannelKind.Push, ChannelKind.Email, ChannelKind.Sms]), Noon);

        Assert.Empty(effects.Timers);
        Assert.Equal([DeliveryChannel.Apns, DeliveryChannel.Email], RulesHarness.Reached(effects));
    }

    [Fact]
    public void Quiet_hours_defer_to_a_timer_that_releases_the_same_notification_once()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences { QuietHours = new QuietHours("22:00", "07:00") }, Iphone);
        var late = new DateTimeOffset(2026, 6, 1, 21, 0, 0, TimeSpan.Zero); // 23:00 CEST
        var notify = grain.Notify();

        var held = grain.Run(notify, late);
        Assert.Empty(RulesHarness.Reached(held));
        Assert.Equal(NotificationStatus.Deferred, Assert.Single(held.Notifications).Status);
        var timer = Assert.Single(held.Timers);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 5, 0, 0, TimeSpan.Zero), timer.DueAt); // 07:00 CEST

        Assert.Empty(RulesHarness.Reached(grain.FireTimers(timer.DueAt - TimeSpan.FromSeconds(1))));
        var released = grain.FireTimers(timer.DueAt);
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Apns, DeliveryChannel.Email], RulesHarness.Reached(released));
        Assert.All(released.Deliveries, d => Assert.Equal(notify.NotificationId, d.NotificationId));
        Assert.Empty(RulesHarness.Reached(grain.FireTimers(timer.DueAt + TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Quiet_hours_in_inbox_only_mode_deliver_silently_to_the_inbox_at_once()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences { QuietHours = new QuietHours("22:00", "07:00", QuietHoursMode.InboxOnly) }, Iphone);

        var effects = grain.Run(grain.Notify(), new DateTimeOffset(2026, 6, 1, 21, 0, 0, TimeSpan.Zero));

        Assert.Empty(effects.Timers);
        Assert.Equal([DeliveryChannel.InApp], RulesHarness.Reached(effects));
    }

    [Fact]
    public void Token_bucket_sends_the_burst_then_digests_the_overflow_and_refills_over_time()
    {
        var grain = new RulesHarness();
        grain.Options.RateLimitCapacity = 3;
        grain.Options.RateLimitRefillPerHour = 60; // one token a minute
        grain.Register(Profile);

        var statuses = Enumerable.Range(0, 5).Select(_ => grain.Run(grain.Notify(), Noon).Notifications.Single().Status).ToList();
        Assert.Equal([NotificationStatus.Dispatched, NotificationStatus.Dispatched, NotificationStatus.Dispatched, NotificationStatus.Digested, NotificationStatus.Digested], statuses);

        Assert.Equal(NotificationStatus.Digested, grain.Run(grain.Notify(), Noon.AddSeconds(59)).Notifications.Single().Status);
        Assert.Equal(NotificationStatus.Dispatched, grain.Run(grain.Notify(), Noon.AddSeconds(61)).Notifications.Single().Status);

        // The overflow is not lost: it comes out as one digest of the three held notifications.
        var flushed = grain.FireTimers(Noon + grain.Options.RateLimitDigestWindow);
        var digest = Assert.Single(flushed.Notifications);
        Assert.Equal(NotificationStatus.Dispatched, digest.Status);
        Assert.Equal("3", Assert.Single(flushed.Inbox).Data["count"]);
    }

    [Fact]
    public void Critical_notifications_do_not_spend_or_need_rate_limit_tokens()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(NotificationStatus.Dispatched, grain.Run(grain.Notify("security", critical: true), Noon).Notifications.Single().Status);
        }
        Assert.Equal(NotificationStatus.Dispatched, grain.Run(grain.Notify(), Noon).Notifications.Single().Status);
    }

    [Fact]
    public void Digest_windows_of_two_interleaved_keys_flush_once_each_without_mixing()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        string[] postA = ["Ahmed", "Sara", "Lee", "Kim", "Ana", "Bo", "Cy"];
        foreach (var (actor, i) in postA.Select((a, i) => (a, i)))
        {
            grain.Run(grain.Notify(digestKey: "post:A", actor: actor), Noon.AddSeconds(i));
            if (i < 2)
            {
                grain.Run(grain.Notify(digestKey: "post:B", actor: "Zed" + i), Noon.AddSeconds(i));
            }
        }
        Assert.Equal(2, grain.PendingTimers.Count);
        Assert.Equal(2, grain.Rules.State.Digests.Count);

        var flushed = grain.FireTimers(Noon + grain.Options.DefaultDigestWindow + TimeSpan.FromMinutes(1));

        var bodies = flushed.Inbox.Select(i => i.Body).Order().ToList();
        Assert.Equal(["Ahmed, Sara and 5 others", "Zed0 and Zed1"], bodies);
        Assert.Empty(grain.Rules.State.Digests);
        Assert.Empty(grain.FireTimers(Noon.AddDays(1)).Notifications);
    }

    [Fact]
    public void Events_in_the_same_tick_join_one_window_and_a_replayed_timer_flushes_nothing()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        grain.Run(grain.Notify(digestKey: "k", actor: "Ahmed"), Noon);
        grain.Run(grain.Notify(digestKey: "k", actor: "Sara"), Noon);
        grain.Run(grain.Notify(digestKey: "k", actor: "Ahmed"), Noon);
        var timer = Assert.Single(grain.PendingTimers);

        var first = grain.Run(timer.Command, timer.DueAt);
        var replay = grain.Run(timer.Command, timer.DueAt);

        var inbox = Assert.Single(first.Inbox);
        Assert.Equal("Ahmed and Sara", inbox.Body);
        Assert.Equal("3", inbox.Data["count"]);
        Assert.True(replay.IsEmpty);
    }

    [Fact]
    public void A_new_window_after_a_flush_gets_a_new_id_so_the_old_timer_cannot_flush_it()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        grain.Run(grain.Notify(digestKey: "k", actor: "A"), Noon);
        var oldTimer = Assert.Single(grain.PendingTimers);
        grain.FireTimers(oldTimer.DueAt);
        grain.Run(grain.Notify(digestKey: "k", actor: "B"), oldTimer.DueAt.AddSeconds(1));

        Assert.True(grain.Run(oldTimer.Command, oldTimer.DueAt.AddSeconds(2)).IsEmpty);
        Assert.Single(grain.Rules.State.Digests);
    }

    [Fact]
    public void Hourly_cadence_of_a_category_digests_without_a_digest_key()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences
        {
            Categories = new Dictionary<string, CategoryPreference> { ["social"] = new() { Digest = DigestCadence.Hourly } },
        });
        grain.Run(grain.Notify(actor: "A"), Noon);
        grain.Run(grain.Notify(actor: "B"), Noon.AddMinutes(10));
        Assert.Equal(Noon.AddHours(1), Assert.Single(grain.PendingTimers).DueAt);
        Assert.Equal("A and B", Assert.Single(grain.FireTimers(Noon.AddHours(1)).Inbox).Body);
    }

    [Fact]
    public void Digest_flush_during_quiet_hours_is_deferred_to_the_end_of_the_window()
    {
        var grain = new RulesHarness();
        grain.Register(Profile with { TimeZone = "UTC" }, new NotificationPreferences { QuietHours = new QuietHours("12:03", "13:00") });
        grain.Run(grain.Notify(digestKey: "k", actor: "A"), Noon);
        var flushed = grain.FireTimers(Noon.AddMinutes(5));
        Assert.Equal(NotificationStatus.Deferred, Assert.Single(flushed.Notifications).Status);
        Assert.Equal("A", Assert.Single(grain.FireTimers(Noon.AddHours(1)).Inbox).Body);
    }

    [Fact]
    public void Same_token_registered_twice_is_one_device_and_removal_by_dead_address_drops_it()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, null, Iphone, Iphone with { Id = "d2" });
        Assert.Single(grain.Rules.State.Devices);
        grain.Run(new RemoveDeviceCommand { UserId = "u1", Address = Iphone.Token }, Noon);
        Assert.Empty(grain.Rules.State.Devices);
    }

    [Fact]
    public void Unregistered_user_can_only_be_reached_through_the_inbox()
    {
        var grain = new RulesHarness();
        var effects = grain.Run(grain.Notify(), Noon);
        Assert.Equal([DeliveryChannel.InApp], RulesHarness.Reached(effects));
    }

    [Fact]
    public void Notification_with_no_allowed_channel_is_recorded_as_suppressed()
    {
        var grain = new RulesHarness();
        grain.Register(Profile, new NotificationPreferences { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = false } });
        var effects = grain.Run(grain.Notify(channels: [ChannelKind.Email]), Noon);
        Assert.Equal(NotificationStatus.Suppressed, Assert.Single(effects.Notifications).Status);
        Assert.Empty(RulesHarness.Reached(effects));
    }

    [Fact]
    public void Only_a_plain_dispatch_leaves_nothing_but_soft_state_to_write()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);
        Assert.True(grain.LastTurnDurable); // profile

        grain.Run(grain.Notify(), Noon);
        Assert.False(grain.LastTurnDurable); // only the rate-limit bucket moved

        grain.Run(grain.Notify(digestKey: "k"), Noon);
        Assert.True(grain.LastTurnDurable); // a digest window opened

        var limited = new RulesHarness();
        limited.Options.RateLimitCapacity = 1;
        limited.Run(limited.Notify(), Noon);
        limited.Run(limited.Notify(), Noon);
        Assert.True(limited.LastTurnDurable); // over the limit: the overflow digest is durable state
    }
}
