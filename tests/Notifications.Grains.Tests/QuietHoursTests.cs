using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Grains.Tests;

/// <summary>Quiet hours on the cluster's clock: deferral released by the grain's timer, inbox-only mode, critical bypass.</summary>
[Collection(ClusterCollection.Name)]
public class QuietHoursTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Deferred_notification_is_released_once_when_the_clock_passes_the_window_end_and_critical_ones_never_wait()
    {
        var user = ClusterFixture.NewUser("quiet");
        var (quiet, end) = Requests.QuietAround(cluster.Clock.GetUtcNow());
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Ny" }, default);
        await cluster.Silo(1).Users.UpdatePreferencesAsync(user, new NotificationPreferences { QuietHours = quiet }, default);

        var deferred = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "Weekly report"), default);
        var critical = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "New sign-in", category: "security"), default);

        Assert.Equal([critical.Id], (await cluster.WaitForInboxAsync(user, 1, "the critical notification, during quiet hours")).Notifications.Select(n => n.Id));
        Assert.Equal(NotificationStatus.Deferred, (await cluster.NotificationAsync(deferred.Id))!.Status);

        // A minute before the end nothing is released: a critical probe sent then is in, the deferred one is not.
        cluster.Clock.SetUtcNow(end - TimeSpan.FromMinutes(1));
        var probe = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "probe", category: "security"), default);
        var beforeEnd = await cluster.WaitForInboxAsync(user, 2, "the critical probe");
        Assert.Equal([probe.Id, critical.Id], beforeEnd.Notifications.Select(n => n.Id));

        cluster.Clock.SetUtcNow(end + TimeSpan.FromMinutes(1));
        await cluster.WaitForStatusAsync(deferred.Id, NotificationStatus.Dispatched);

        // Past the reminder backstop too: still one inbox row for the deferred notification.
        cluster.Clock.Advance(TimeSpan.FromHours(2));
        var marker = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "marker"), default);
        var page = await cluster.WaitForInboxAsync(user, 4, "the marker after the window");
        Assert.Equal(1, page.Notifications.Count(n => n.Id == deferred.Id));
        Assert.Equal([marker.Id, deferred.Id, probe.Id, critical.Id], page.Notifications.Select(n => n.Id));
    }

    [Fact]
    public async Task Inbox_only_quiet_hours_put_the_notification_in_the_inbox_at_once_without_email()
    {
        var user = ClusterFixture.NewUser("inbox-only");
        var (quiet, end) = Requests.QuietAround(cluster.Clock.GetUtcNow(), QuietHoursMode.InboxOnly);
        await cluster.Silo(1).Users.UpsertAsync(user, new UserProfile { Email = "sam@example.com" }, default);
        await cluster.Silo(2).Users.UpdatePreferencesAsync(user, new NotificationPreferences { QuietHours = quiet }, default);

        var during = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "During", channels: [ChannelKind.InApp, ChannelKind.Email]), default);

        var view = await cluster.WaitForStatusAsync(during.Id, NotificationStatus.Dispatched);
        Assert.Equal([DeliveryChannel.InApp], view!.Deliveries.Select(d => d.Channel));
        Assert.Equal([during.Id], (await cluster.InboxAsync(user)).Notifications.Select(n => n.Id));

        cluster.Clock.SetUtcNow(end + TimeSpan.FromMinutes(1));
        var after = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "After", channels: [ChannelKind.InApp, ChannelKind.Email]), default);
        var afterView = await cluster.WaitForStatusAsync(after.Id, NotificationStatus.Dispatched);
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Email], afterView!.Deliveries.Select(d => d.Channel));
    }
}
