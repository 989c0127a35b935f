using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>Preferences, critical categories and devices, through the services of different silos and real user grains.</summary>
[Collection(ClusterCollection.Name)]
public class PreferenceRulesTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Global_opt_out_suppresses_a_notification_and_a_critical_category_bypasses_it()
    {
        var user = ClusterFixture.NewUser("opt-out");
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Ada" }, default);
        await cluster.Silo(1).Users.UpdatePreferencesAsync(user, new NotificationPreferences { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.InApp] = false } }, default);

        var general = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "Weekly digest"), default);
        var security = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "New sign-in", category: "security"), default);

        var page = await cluster.WaitForInboxAsync(user, 1, "the security notification");
        Assert.Equal([security.Id], page.Notifications.Select(n => n.Id));
        Assert.Equal(NotificationStatus.Suppressed, (await cluster.NotificationAsync(general.Id))!.Status);
        Assert.Equal(NotificationStatus.Dispatched, (await cluster.NotificationAsync(security.Id))!.Status);
    }

    [Fact]
    public async Task Category_opt_out_suppresses_only_that_category_and_channel()
    {
        var user = ClusterFixture.NewUser("category-opt-out");
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { Email = "kim@example.com" }, default);
        Assert.True(await cluster.Silo(1).Users.SetChannelPreferenceAsync(user, "marketing", ChannelKind.Email, false, default));

        var marketing = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "Sale", category: "marketing", channels: [ChannelKind.InApp, ChannelKind.Email]), default);
        var general = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "Report", channels: [ChannelKind.InApp, ChannelKind.Email]), default);

        var marketingView = await cluster.WaitForStatusAsync(marketing.Id, NotificationStatus.Dispatched);
        Assert.Equal([DeliveryChannel.InApp], marketingView!.Deliveries.Select(d => d.Channel));
        var generalView = await cluster.WaitForStatusAsync(general.Id, NotificationStatus.Dispatched);
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Email], generalView!.Deliveries.Select(d => d.Channel));
        // The pump of the silo that wrote the job claims it; with no email provider configured it is skipped, never sent.
        var email = await Eventually.Until(() => cluster.NotificationAsync(general.Id), v => v!.Deliveries.Any(d => d.Channel == DeliveryChannel.Email && d.Status == DeliveryStatus.Skipped), "the email job to be skipped");
        Assert.Equal("channel not configured", email!.Deliveries.Single(d => d.Channel == DeliveryChannel.Email).Reason);
        Assert.False(await cluster.Silo(0).Users.SetChannelPreferenceAsync(ClusterFixture.NewUser("nobody"), "marketing", ChannelKind.Email, false, default));
    }

    [Fact]
    public async Task A_registered_device_receives_push_and_a_removed_one_no_longer_does()
    {
        var user = ClusterFixture.NewUser("devices");
        Assert.Null(await cluster.Silo(0).Users.RegisterDeviceAsync(user, new RegisterDeviceRequest(DeviceKind.Ios, ApnsToken('0'), null), default));
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Lee" }, default);

        var device = await cluster.Silo(1).Users.RegisterDeviceAsync(user, new RegisterDeviceRequest(DeviceKind.Ios, ApnsToken('a'), null), default);

        Assert.NotNull(device);
        var view = await cluster.Silo(2).Users.GetAsync(user, default);
        Assert.Equal([device.Id], view!.Devices.Select(d => d.Id));
        var pushed = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "Ping", channels: ChannelKind.Push), default);
        var pushedView = await cluster.WaitForStatusAsync(pushed.Id, NotificationStatus.Dispatched);
        Assert.Equal([DeliveryChannel.Apns], pushedView!.Deliveries.Select(d => d.Channel));

        Assert.True(await cluster.Silo(2).Users.RemoveDeviceAsync(user, device.Id, default));
        Assert.False(await cluster.Silo(1).Users.RemoveDeviceAsync(user, device.Id, default));
        Assert.Empty((await cluster.Silo(0).Users.GetAsync(user, default))!.Devices);
        var after = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "Ping again", channels: ChannelKind.Push), default);
        var afterView = await cluster.WaitForStatusAsync(after.Id, NotificationStatus.Suppressed);
        Assert.Empty(afterView!.Deliveries);
    }

    private static string ApnsToken(char digit) => new(digit, 64);
}
