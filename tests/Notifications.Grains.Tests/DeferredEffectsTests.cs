using Notifications.Api;
using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests;

/// <summary>
/// A durable turn commits with its state write; when its records then fail to be written, they stay pending in the
/// state and are applied by the next turn or the next activation — once, however many times they are replayed.
/// </summary>
[Collection(ClusterCollection.Name)]
public class DeferredEffectsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Effects_that_failed_after_the_state_write_are_applied_once_by_the_next_turn_and_announced_once()
    {
        var user = ClusterFixture.NewUser("pending-next-turn");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = cluster.Silo(2).Inbox.WatchAsync(user, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());

        cluster.Faults.FailNextApply(user);
        // An idempotency key makes the turn durable: its effects are committed with the state.
        var keyed = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "keyed") with { IdempotencyKey = "k-1" }, default);

        Assert.Equal(("accepted", 1), (keyed.Status, cluster.Faults.Trips(user)));
        Assert.Empty((await cluster.InboxAsync(user)).Notifications);
        var marker = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "marker"), default);

        var page = await cluster.WaitForInboxAsync(user, 2, "the pending effects and the next turn's");
        Assert.Equal(new[] { keyed.Id, marker.Id }.Order(), page.Notifications.Select(n => n.Id).Order());
        Assert.Equal(NotificationStatus.Dispatched, (await cluster.NotificationAsync(keyed.Id))!.Status);
        // Live events are one-way calls, which Orleans may deliver out of order: collect until every expected one is in,
        // then once more until an event caused after all of them (a duplicate of "keyed" would have been sent before it).
        var announced = await UntilAsync(events, seen => seen.Any(e => e.Notification?.Id == keyed.Id) && seen.Any(e => e.Notification?.Id == marker.Id));
        await cluster.Silo(0).Inbox.MarkAllReadAsync(user, default);
        announced.AddRange(await UntilAsync(events, seen => seen.Any(e => e is { Kind: "unread", UnreadCount: 0 })));
        Assert.Equal(new[] { keyed.Id, marker.Id }.Order(), announced.Where(e => e.Kind == "notification").Select(e => e.Notification!.Id).Order());

        // The pending effects are still in the stored state (only soft turns since): every activation replays them, harmlessly.
        for (var i = 0; i < 2; i++)
        {
            await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
            var again = await cluster.Silo(i).Notifications.SendAsync(Requests.Inline(user, "keyed") with { IdempotencyKey = "k-1" }, default);
            Assert.Equal(("duplicate", keyed.Id), (again.Status, again.Id));
        }
        page = await cluster.InboxAsync(user);
        Assert.Equal(2, page.Notifications.Count);
        Assert.Equal(0, page.UnreadCount);
    }

    [Fact]
    public async Task Effects_that_failed_after_the_state_write_are_applied_once_by_the_next_activation()
    {
        var user = ClusterFixture.NewUser("pending-activation");
        cluster.Faults.FailNextApply(user);
        var keyed = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "keyed") with { IdempotencyKey = "k-2" }, default);
        Assert.Equal(1, cluster.Faults.Trips(user));

        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        Assert.Empty((await cluster.InboxAsync(user)).Notifications);
        await cluster.Silo(2).Users.GetAsync(user, default); // activates the grain, which replays what is pending before answering

        Assert.Equal([keyed.Id], (await cluster.InboxAsync(user)).Notifications.Select(n => n.Id));
        Assert.Equal(NotificationStatus.Dispatched, (await cluster.NotificationAsync(keyed.Id))!.Status);
        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        await cluster.Silo(0).Users.GetAsync(user, default);
        Assert.Equal([keyed.Id], (await cluster.InboxAsync(user)).Notifications.Select(n => n.Id));
    }

    private static async Task<List<RealtimeEvent>> UntilAsync(IAsyncEnumerator<RealtimeEvent> events, Func<List<RealtimeEvent>, bool> complete)
    {
        var seen = new List<RealtimeEvent>();
        while (await events.MoveNextAsync())
        {
            seen.Add(events.Current);
            if (complete(seen))
            {
                return seen;
            }
        }
        throw new InvalidOperationException("The watch ended.");
    }
}
