using Notifications.Api;
using Notifications.Application;
using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests;

/// <summary>The inbox read from the record store, changed through the user's grain, watched live from another silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InboxTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Inbox_pages_newest_first_and_read_state_and_unread_count_follow_the_grain()
    {
        var user = ClusterFixture.NewUser("inbox");
        var sent = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add((await cluster.Silo(i % ClusterFixture.SiloCount).Notifications.SendAsync(Requests.Inline(user, $"n{i}"), default)).Id);
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var inbox = cluster.Silo(1).Inbox;

        var first = await inbox.ListAsync(user, null, 2, default);
        var second = await inbox.ListAsync(user, first.NextCursor, 2, default);
        var third = await inbox.ListAsync(user, second.NextCursor, 2, default);

        Assert.Equal(Enumerable.Reverse(sent), first.Notifications.Concat(second.Notifications).Concat(third.Notifications).Select(n => n.Id));
        Assert.Null(third.NextCursor);
        Assert.Equal(5, first.UnreadCount);
        Assert.Equal("cursor", (await Assert.ThrowsAsync<ValidationFailedException>(() => inbox.ListAsync(user, "not-a-cursor", 2, default))).Field);

        Assert.True(await cluster.Silo(2).Inbox.SetReadAsync(user, sent[0], true, default));
        Assert.False(await cluster.Silo(2).Inbox.SetReadAsync(user, Guid.CreateVersion7(), true, default));
        var afterOne = await inbox.ListAsync(user, null, 100, default);
        Assert.Equal(4, afterOne.UnreadCount);
        Assert.NotNull(afterOne.Notifications.Single(n => n.Id == sent[0]).ReadAt);

        Assert.Equal(4, await cluster.Silo(0).Inbox.MarkAllReadAsync(user, default));
        var afterAll = await inbox.ListAsync(user, null, 100, default);
        Assert.Equal(0, afterAll.UnreadCount);
        Assert.All(afterAll.Notifications, n => Assert.NotNull(n.ReadAt));

        Assert.True(await cluster.Silo(1).Inbox.SetReadAsync(user, sent[4], false, default));
        Assert.Equal(1, (await inbox.ListAsync(user, null, 100, default)).UnreadCount);
    }

    [Fact]
    public async Task A_watcher_on_one_silo_receives_notifications_and_unread_counts_from_the_grain_wherever_it_lives()
    {
        var user = ClusterFixture.NewUser("watch");
        var before = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "before"), default);
        await cluster.WaitForInboxAsync(user, 1, "the first notification");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = cluster.Silo(0).Inbox.WatchAsync(user, timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.Equal(new RealtimeEvent("unread", null, 1) { UnseenCount = 1 }, await NextAsync(events));

        var sent = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "live", "hello"), default);
        var live = await NextAsync(events);
        Assert.Equal(("notification", 2), (live.Kind, live.UnreadCount));
        Assert.Equal((sent.Id, "live", "hello"), (live.Notification!.Id, live.Notification.Title, live.Notification.Body));

        await cluster.Silo(2).Inbox.SetReadAsync(user, before.Id, true, default);
        // The item as it is now and the counts for clients that follow only those; observer calls are one-way, so
        // their order is not promised.
        var pair = new[] { await NextAsync(events), await NextAsync(events) }.OrderBy(e => e.Kind, StringComparer.Ordinal).ToList();
        Assert.Equal(new RealtimeEvent("unread", null, 1) { UnseenCount = 2 }, pair[0]);
        Assert.Equal(("updated", before.Id, 1, 2), (pair[1].Kind, pair[1].Notification!.Id, pair[1].UnreadCount, pair[1].UnseenCount));
        Assert.NotNull(pair[1].Notification!.ReadAt);
        await cluster.Silo(1).Inbox.MarkAllReadAsync(user, default);
        Assert.Equal(new RealtimeEvent("unread", null, 0) { UnseenCount = 2 }, await NextAsync(events));
    }

    private static async Task<RealtimeEvent> NextAsync(IAsyncEnumerator<RealtimeEvent> events) =>
        await events.MoveNextAsync() ? events.Current : throw new InvalidOperationException("The watch ended.");
}
