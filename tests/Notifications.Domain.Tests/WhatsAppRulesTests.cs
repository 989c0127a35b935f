using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Model;

namespace Notifications.Domain.Tests;

/// <summary>WhatsApp's consent and session rules, and the preference and quiet-hours rules it shares with SMS.</summary>
public sealed class WhatsAppRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Number = "+14155550111";
    private static readonly UserProfile Profile = new() { Phone = "+14155550100", WhatsApp = Number, TimeZone = "Europe/Berlin" };
    private static readonly IReadOnlyList<ChannelKind> SmsAndWhatsApp = [ChannelKind.Sms, ChannelKind.WhatsApp];

    private static RulesHarness OptedIn(UserProfile? profile = null, NotificationPreferences? preferences = null)
    {
        var grain = new RulesHarness();
        grain.Register((profile ?? Profile) with { WhatsAppOptIn = true }, preferences);
        return grain;
    }

    private static TurnEffects Inbound(RulesHarness grain, string body, DateTimeOffset at, string number = Number) =>
        grain.Run(new WhatsAppInboundCommand { UserId = grain.Rules.State.UserId, Number = number, Body = body }, at);

    [Fact]
    public void Without_an_explicit_opt_in_nothing_goes_to_the_number()
    {
        var grain = new RulesHarness();
        grain.Register(Profile);

        var effects = grain.Run(grain.Notify(channels: SmsAndWhatsApp), Noon);

        Assert.Equal([DeliveryChannel.Sms], RulesHarness.Reached(effects));
        Assert.Null(grain.Rules.State.WhatsApp!.OptedInAt);
    }

    [Fact]
    public void Opt_in_is_recorded_with_its_time_and_a_new_number_needs_it_again()
    {
        var grain = new RulesHarness();
        grain.Run(new UpsertProfileCommand { UserId = "u1", Profile = Profile with { WhatsAppOptIn = true } }, Noon);
        Assert.Equal(Noon, grain.Rules.State.WhatsApp!.OptedInAt);

        // The same consent written again keeps its original time.
        grain.Run(new UpsertProfileCommand { UserId = "u1", Profile = Profile with { WhatsAppOptIn = true } }, Noon.AddDays(1));
        Assert.Equal(Noon, grain.Rules.State.WhatsApp!.OptedInAt);
        Assert.Equal([DeliveryChannel.WhatsApp], RulesHarness.Reached(grain.Run(grain.Notify(channels: [ChannelKind.WhatsApp]), Noon.AddDays(1))));

        grain.Run(new UpsertProfileCommand { UserId = "u1", Profile = Profile with { WhatsApp = "+14155550122", WhatsAppOptIn = false } }, Noon.AddDays(2));
        Assert.Null(grain.Rules.State.WhatsApp!.OptedInAt);
        Assert.Empty(RulesHarness.Reached(grain.Run(grain.Notify(channels: [ChannelKind.WhatsApp]), Noon.AddDays(2))));
    }

    [Fact]
    public void Opting_out_through_the_api_is_recorded_with_its_time()
    {
        var grain = OptedIn();

        grain.Run(new UpsertProfileCommand { UserId = "u1", Profile = Profile with { WhatsAppOptIn = false } }, Noon);

        Assert.Equal(Noon, grain.Rules.State.WhatsApp!.OptedOutAt);
        Assert.Null(grain.Rules.State.WhatsApp.OptedInAt);
        Assert.Empty(RulesHarness.Reached(grain.Run(grain.Notify(channels: [ChannelKind.WhatsApp]), Noon)));
    }

    [Fact]
    public void STOP_from_the_number_opts_out_and_START_opts_back_in()
    {
        var grain = OptedIn();

        Inbound(grain, " stop ", Noon);

        Assert.False(grain.Rules.State.Profile.WhatsAppOptIn);
        Assert.Equal(Noon, grain.Rules.State.WhatsApp!.OptedOutAt);
        Assert.Empty(RulesHarness.Reached(grain.Run(grain.Notify(channels: [ChannelKind.WhatsApp]), Noon)));

        Inbound(grain, "START", Noon.AddHours(1));
        Assert.True(grain.Rules.State.Profile.WhatsAppOptIn);
        Assert.Equal(Noon.AddHours(1), grain.Rules.State.WhatsApp!.OptedInAt);
    }

    [Fact]
    public void The_users_last_message_opens_a_24_hour_session_the_job_carries()
    {
        var grain = OptedIn();
        var before = Assert.Single(grain.Run(grain.Notify(channels: [ChannelKind.WhatsApp]), Noon).Deliveries);
        Assert.Null(before.Content.SessionOpenUntil);

        Inbound(grain, "Where is my order?", Noon);
        var after = Assert.Single(grain.Run(grain.Notify(channels: [ChannelKind.WhatsApp]), Noon.AddHours(1)).Deliveries);

        Assert.Equal(Noon.AddHours(24), after.Content.SessionOpenUntil);
        Assert.Equal(Number, after.Target);
    }

    [Fact]
    public void A_message_from_another_number_changes_nothing()
    {
        var grain = OptedIn();

        Inbound(grain, "STOP", Noon, number: "+14155550199");

        Assert.False(grain.LastTurnDurable);
        Assert.True(grain.Rules.State.Profile.WhatsAppOptIn);
        Assert.Null(grain.Rules.State.WhatsApp!.LastInboundAt);
    }

    [Fact]
    public void Preferences_switch_whatsapp_off_like_sms()
    {
        var grain = OptedIn(preferences: new NotificationPreferences
        {
            Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.WhatsApp] = false, [ChannelKind.Sms] = false },
            Categories = new Dictionary<string, CategoryPreference>
            {
                ["billing"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.WhatsApp] = true, [ChannelKind.Sms] = true } },
            },
        });

        Assert.Empty(RulesHarness.Reached(grain.Run(grain.Notify("social", channels: SmsAndWhatsApp), Noon)));
        Assert.Equal([DeliveryChannel.Sms, DeliveryChannel.WhatsApp], RulesHarness.Reached(grain.Run(grain.Notify("billing", channels: SmsAndWhatsApp), Noon)));
    }

    [Theory]
    [InlineData(QuietHoursMode.Defer)]
    [InlineData(QuietHoursMode.InboxOnly)]
    public void Quiet_hours_hold_whatsapp_back_like_sms(QuietHoursMode mode)
    {
        var grain = OptedIn(preferences: new NotificationPreferences { QuietHours = new QuietHours("22:00", "07:00", mode) });
        var late = new DateTimeOffset(2026, 6, 1, 21, 0, 0, TimeSpan.Zero); // 23:00 CEST

        var held = grain.Run(grain.Notify(channels: [ChannelKind.InApp, .. SmsAndWhatsApp]), late);

        Assert.DoesNotContain(held.Deliveries, d => d.Channel is DeliveryChannel.Sms or DeliveryChannel.WhatsApp);
        var morning = grain.FireTimers(new DateTimeOffset(2026, 6, 2, 5, 0, 0, TimeSpan.Zero));
        if (mode == QuietHoursMode.Defer)
        {
            Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Sms, DeliveryChannel.WhatsApp], RulesHarness.Reached(morning));
        }
        else
        {
            Assert.Equal([DeliveryChannel.InApp], RulesHarness.Reached(held));
            Assert.Empty(morning.Deliveries);
        }
    }
}
