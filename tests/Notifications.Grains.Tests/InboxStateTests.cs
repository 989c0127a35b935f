using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests;

/// <summary>The embeddable inbox through the user's grain: snooze timers on the cluster's clock, archive, seen, bulk, action clicks.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InboxStateTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_snooze_ends_once_on_the_clock_and_the_item_comes_back_live_to_a_watcher_on_another_silo()
    {
        var user = ClusterFixture.NewUser("snooze");
        var sent = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "later"), default);
        await cluster.WaitForInboxAsync(user, 1, "the notification");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = cluster.Silo(0).Inbox.WatchAsync(user, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.Equal("unread", (await NextAsync(events)).Kind);

        var until = cluster.Clock.GetUtcNow().AddHours(1);
        Assert.True(await cluster.Silo(1).Inbox.UpdateAsync(user, sent.Id, new InboxUpdateRequest { SnoozedUntil = until }, default));
        var snoozed = await NextAsync(events, "updated");
        Assert.Equal((sent.Id, until, 0), (snoozed.Notification!.Id, snoozed.Notification.SnoozedUntil, snoozed.UnreadCount));
        Assert.Empty((await cluster.InboxAsync(user)).Notifications);
        Assert.False(await cluster.Silo(1).Inbox.UpdateAsync(user, Guid.NewGuid(), new InboxUpdateRequest { SnoozedUntil = until }, default));

        cluster.Clock.SetUtcNow(until + TimeSpan.FromSeconds(1));
        var back = await NextAsync(events, "notification");
        Assert.Equal((sent.Id, 1), (back.Notification!.Id, back.UnreadCount));
        Assert.Null(back.Notification.SnoozedUntil);
        Assert.Equal([sent.Id], (await cluster.InboxAsync(user)).Notifications.Select(n => n.Id));

        // Past the reminder backstop: the snooze does not end twice. The next arrival is the marker.
        cluster.Clock.Advance(TimeSpan.FromHours(2));
        var marker = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "marker"), default);
        Assert.Equal(marker.Id, (await NextAsync(events, "notification")).Notification!.Id);
    }

    [Fact]
    public async Task Unsnoozing_or_snoozing_again_replaces_the_timer_so_only_the_last_snooze_ends_and_announces()
    {
        var user = ClusterFixture.NewUser("resnooze");
        var sent = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "again"), default);
        await cluster.WaitForInboxAsync(user, 1, "the notification");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = cluster.Silo(1).Inbox.WatchAsync(user, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.Equal("unread", (await NextAsync(events)).Kind);

        var first = cluster.Clock.GetUtcNow().AddMinutes(10);
        var second = cluster.Clock.GetUtcNow().AddMinutes(20);
        await cluster.Silo(2).Inbox.UpdateAsync(user, sent.Id, new InboxUpdateRequest { SnoozedUntil = first }, default);
        await cluster.Silo(2).Inbox.UpdateAsync(user, sent.Id, new InboxUpdateRequest { SnoozedUntil = second }, default);
        // Observer calls are one-way: the two "updated" events may come in either order.
        var snoozes = new[] { await NextAsync(events, "updated"), await NextAsync(events, "updated") }.Select(e => e.Notification!.SnoozedUntil).Order();
        Assert.Equal([first, second], snoozes);

        // The first instant passes: nothing comes back (a read of the inbox shows the item still snoozed).
        cluster.Clock.SetUtcNow(first + TimeSpan.FromSeconds(1));
        Assert.Empty((await cluster.InboxAsync(user)).Notifications);
        cluster.Clock.SetUtcNow(second + TimeSpan.FromSeconds(1));
        Assert.Equal(sent.Id, (await NextAsync(events, "notification")).Notification!.Id);

        // Un-snoozing (null) before the end: it is active at once and no timer is left to announce it again.
        var third = cluster.Clock.GetUtcNow().AddMinutes(5);
        await cluster.Silo(0).Inbox.UpdateAsync(user, sent.Id, new InboxUpdateRequest { SnoozedUntil = third }, default);
        await cluster.Silo(0).Inbox.UpdateAsync(user, sent.Id, new InboxUpdateRequest { SnoozedUntil = null }, default);
        Assert.Equal([sent.Id], (await cluster.InboxAsync(user)).Notifications.Select(n => n.Id));
        cluster.Clock.SetUtcNow(third + TimeSpan.FromMinutes(1));
        var marker = await cluster.Silo(2).Notifications.SendAsync(Requests.Inline(user, "marker"), default);
        Assert.Equal(marker.Id, (await NextAsync(events, "notification")).Notification!.Id);
    }

    [Fact]
    public async Task Archive_seen_and_bulk_go_through_the_grain_and_the_counts_follow()
    {
        var user = ClusterFixture.NewUser("states");
        var ids = new List<Guid>();
        foreach (var (title, tags) in new[] { ("a", new[] { "promo" }), ("b", new[] { "promo" }), ("c", Array.Empty<string>()) })
        {
            var request = Requests.Inline(user, title) with { Tags = tags };
            ids.Add((await cluster.Silo(ids.Count % ClusterFixture.SiloCount).Notifications.SendAsync(request, default)).Id);
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await cluster.WaitForInboxAsync(user, 3, "three notifications");
        var inbox = cluster.Silo(1).Inbox;
        Assert.Equal(new InboxCounts(3, 3), await inbox.CountsAsync(user, default));

        Assert.True(await inbox.UpdateAsync(user, ids[2], new InboxUpdateRequest { Archived = true }, default));
        Assert.Equal(new InboxCounts(2, 2), await inbox.CountsAsync(user, default));
        Assert.Equal(2, await cluster.Silo(2).Inbox.MarkSeenAsync(user, default));
        Assert.Equal(new InboxCounts(2, 0), await inbox.CountsAsync(user, default));
        Assert.Null((await inbox.ListAsync(user, null, 10, new InboxFilter("archived"), default)).Notifications.Single().SeenAt);

        Assert.Equal(2, await cluster.Silo(0).Inbox.BulkAsync(user, new InboxBulkRequest("read", new InboxFilter(Tag: "promo")), default));
        Assert.Equal(new InboxCounts(0, 0), await inbox.CountsAsync(user, default));
        Assert.Equal(1, await cluster.Silo(0).Inbox.BulkAsync(user, new InboxBulkRequest("unarchive", new InboxFilter("archived")), default));
        Assert.Equal(new InboxCounts(1, 1), await inbox.CountsAsync(user, default));

        var error = await Assert.ThrowsAsync<Notifications.Application.ValidationFailedException>(
            () => inbox.BulkAsync(user, new InboxBulkRequest("read", new InboxFilter("gone")), default));
        Assert.Equal("filter.state", error.Field);
        Assert.Equal(new InboxCounts(1, 1), await inbox.CountsAsync(user, default));
    }

    [Fact]
    public async Task An_action_click_is_recorded_as_the_in_app_deliverys_click_with_the_action_id()
    {
        var user = ClusterFixture.NewUser("action");
        var request = Requests.Inline(user, "act") with { Actions = [new InboxAction("accept", "Accept", "https://example.com/a"), new InboxAction("decline", "Decline", null)] };
        var sent = await cluster.Silo(0).Notifications.SendAsync(request, default);
        await cluster.WaitForInboxAsync(user, 1, "the notification");

        Assert.Null(await cluster.Silo(1).Inbox.RunActionAsync(user, sent.Id, "maybe", default));
        Assert.Null(await cluster.Silo(1).Inbox.RunActionAsync(user, Guid.NewGuid(), "accept", default));
        Assert.Equal(new InboxActionResult("https://example.com/a"), await cluster.Silo(1).Inbox.RunActionAsync(user, sent.Id, "accept", default));

        var inApp = (await cluster.NotificationAsync(sent.Id))!.Deliveries.Single(d => d.Channel == DeliveryChannel.InApp);
        Assert.Equal(DeliveryStatus.Clicked, inApp.Status);
        Assert.Equal("accept", inApp.History!.Single(h => h.Status == DeliveryStatus.Clicked).Detail);
    }

    /// <summary>The next event of <paramref name="kind"/> (any kind when null), skipping the count events between.</summary>
    private static async Task<RealtimeEvent> NextAsync(IAsyncEnumerator<RealtimeEvent> events, string? kind = null)
    {
        while (await events.MoveNextAsync())
        {
            if (kind is null || events.Current.Kind == kind)
            {
                return events.Current;
            }
        }
        throw new InvalidOperationException("The watch ended.");
    }
}
