using Microsoft.Extensions.DependencyInjection;
using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>Durable timers live in the grain's state; with no activation left, the "timers" reminder brings the grain back to run them.</summary>
[Collection(ClusterCollection.Name)]
public class TimerDeactivationTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_deferral_pending_while_its_grain_is_deactivated_is_released_exactly_once_by_the_reminder()
    {
        var user = ClusterFixture.NewUser("timer-idle");
        var (quiet, end) = Requests.QuietAround(cluster.Clock.GetUtcNow());
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Sleeper" }, default);
        await cluster.Silo(1).Users.UpdatePreferencesAsync(user, new NotificationPreferences { QuietHours = quiet }, default);
        var deferred = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "Good morning"), default);
        Assert.Equal(NotificationStatus.Deferred, (await cluster.NotificationAsync(deferred.Id))!.Status);

        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        Assert.False(cluster.Cluster.TryGetGrainContext(cluster.Grain(user).GetGrainId(), out _));

        // Nothing calls the grain from here on: only the reminder can release the notification.
        cluster.Clock.SetUtcNow(end + TimeSpan.FromMinutes(1));

        var page = await cluster.WaitForInboxAsync(user, 1, "the release, driven by the reminder");
        Assert.Equal([deferred.Id], page.Notifications.Select(n => n.Id));
        Assert.Equal(NotificationStatus.Dispatched, (await cluster.WaitForStatusAsync(deferred.Id, NotificationStatus.Dispatched))!.Status);

        // With no timer left, the backstop goes too: no reminder keeps waking the user's grain.
        var reminders = cluster.Silo(0).Services.GetRequiredService<IReminderTable>();
        await Eventually.Until(() => reminders.ReadRow(cluster.Grain(user).GetGrainId(), "timers"), row => row is null, "the timers reminder to be unregistered");

        // Later reminder periods, another deactivation and reactivation: still released once.
        cluster.Clock.Advance(TimeSpan.FromHours(3));
        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        cluster.Clock.Advance(TimeSpan.FromHours(3));
        var marker = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "marker"), default);
        page = await cluster.WaitForInboxAsync(user, 2, "the marker");
        Assert.Equal([marker.Id, deferred.Id], page.Notifications.Select(n => n.Id));
    }
}
