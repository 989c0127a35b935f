using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Grains.Tests;

/// <summary>A turn whose commit write fails is answered with the error, and nothing of it is delivered: a retry is the only copy.</summary>
[Collection(ClusterCollection.Name)]
public class FailedCommitTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_soft_turn_whose_records_fail_is_reported_to_the_caller_and_leaves_nothing()
    {
        var user = ClusterFixture.NewUser("soft-fails");
        await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "warm-up"), default);
        cluster.Faults.FailNextApply(user);

        // No key, no digest, no quiet hours: a plain dispatch changes only the rate-limit bucket and commits by writing its records.
        await Assert.ThrowsAsync<IOException>(() => cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "lost"), default));

        Assert.Equal(1, cluster.Faults.Trips(user));
        Assert.Equal(["warm-up"], (await cluster.InboxAsync(user)).Notifications.Select(n => n.Title));
        var retry = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "retried"), default);
        var page = await cluster.WaitForInboxAsync(user, 2, "the retry");
        Assert.Equal(["retried", "warm-up"], page.Notifications.Select(n => n.Title).Order(StringComparer.Ordinal));
        Assert.Equal(retry.Id, page.Notifications.Single(n => n.Title == "retried").Id);
    }

    [Fact]
    public async Task A_durable_turn_whose_state_write_fails_is_reported_and_not_committed_later_by_the_deactivation()
    {
        var user = ClusterFixture.NewUser("state-fails");
        var (quiet, end) = Requests.QuietAround(cluster.Clock.GetUtcNow());
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Night owl" }, default);
        await cluster.Silo(0).Users.UpdatePreferencesAsync(user, new NotificationPreferences { QuietHours = quiet }, default);
        // A soft turn after the last durable one: the activation now holds state it would write when it goes idle.
        await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "critical", category: "security"), default);
        cluster.Faults.FailNextStateWrite(user);

        // Deferred by quiet hours, the turn is durable (it adds a timer): its state write is its commit, and it fails.
        var failure = await Assert.ThrowsAsync<OrleansException>(() => cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "unacknowledged"), default));
        Assert.IsType<IOException>(failure.InnerException);
        var retry = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "retried"), default);

        Assert.Equal(1, cluster.Faults.Trips(user));
        Assert.Equal(NotificationStatus.Deferred, (await cluster.NotificationAsync(retry.Id))!.Status);
        cluster.Clock.SetUtcNow(end + TimeSpan.FromMinutes(1));
        await cluster.WaitForStatusAsync(retry.Id, NotificationStatus.Dispatched);
        var marker = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "marker"), default);
        var page = await cluster.WaitForInboxAsync(user, 3, "the released retry and the marker");
        Assert.Equal(["critical", "marker", "retried"], page.Notifications.Select(n => n.Title).Order(StringComparer.Ordinal));
        Assert.Equal(marker.Id, page.Notifications[0].Id);
    }
}
