using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Effects;

namespace Notifications.Storage.Tests.Records;

/// <summary>The embeddable inbox's operations of the inbox store: tags and actions, seen, archive, snooze, filters, bulk, clicks.</summary>
public abstract partial class RecordStoreConformance
{
    private static readonly InboxAction Open = new("open", "Open", "https://example.com/open");

    private async Task AddTaggedAsync(string user, Guid id, DateTimeOffset at, string category, params string[] tags) =>
        await ApplyAsync(Turn([Record(id, user, at)], [Entry(id, user, at) with { Category = category, Tags = tags, Actions = [Open] }]));

    [Fact]
    public async Task Tags_and_actions_are_written_with_the_inbox_row_and_read_back()
    {
        var tagged = Guid.NewGuid();
        var plain = Guid.NewGuid();
        await AddTaggedAsync("u1", tagged, T0, "billing", "invoice", "team:core");
        await AddToInboxAsync("u1", plain, T0.AddSeconds(1));
        await ReopenAsync();

        var item = (await Store.Inbox.GetAsync("u1", tagged, default))!;
        Assert.Equal(["invoice", "team:core"], item.Tags);
        Assert.Equal([Open], item.Actions);
        var other = (await Store.Inbox.GetAsync("u1", plain, default))!;
        Assert.Empty(other.Tags);
        Assert.Empty(other.Actions);
        Assert.Equal((null, null, null), (other.SeenAt, other.ArchivedAt, other.SnoozedUntil));
    }

    [Fact]
    public async Task Archived_and_snoozed_items_leave_the_active_list_and_counts_and_each_state_lists_its_own()
    {
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            await AddToInboxAsync("u1", ids[i], T0.AddSeconds(i));
        }
        var now = T0.AddMinutes(1);
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[0], new InboxItemChange(Archived: true), now, default));
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[1], new InboxItemChange(Snooze: true, SnoozedUntil: now.AddHours(1)), now, default));
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[2], new InboxItemChange(Read: true), now, default));
        Assert.False(await Store.Inbox.UpdateAsync("u1", Guid.NewGuid(), new InboxItemChange(Archived: true), now, default));
        Assert.False(await Store.Inbox.UpdateAsync("u2", ids[0], new InboxItemChange(Archived: true), now, default));

        async Task<IEnumerable<Guid>> ListAsync(InboxState state, DateTimeOffset at) =>
            (await Store.Inbox.ListAsync("u1", null, 10, new InboxQuery(state), at, default)).Notifications.Select(n => n.Id);

        Assert.Equal([ids[3], ids[2]], await ListAsync(InboxState.Active, now));
        Assert.Equal([ids[3]], await ListAsync(InboxState.Unread, now));
        Assert.Equal([ids[0]], await ListAsync(InboxState.Archived, now));
        Assert.Equal([ids[1]], await ListAsync(InboxState.Snoozed, now));
        Assert.Equal(Enumerable.Reverse(ids), await ListAsync(InboxState.All, now));
        Assert.Equal(new InboxCounts(1, 2), await Store.Inbox.CountsAsync("u1", now, default));
        var page = await Store.Inbox.ListAsync("u1", null, 10, InboxQuery.Active, now, default);
        Assert.Equal((1, 2), (page.UnreadCount, page.UnseenCount));

        // A snooze ends by the clock alone: the timer only clears the row and tells the live feed.
        var later = now.AddHours(1);
        Assert.Equal([ids[3], ids[2], ids[1]], await ListAsync(InboxState.Active, later));
        Assert.Equal(new InboxCounts(2, 3), await Store.Inbox.CountsAsync("u1", later, default));
        Assert.False(await Store.Inbox.EndSnoozeAsync("u1", ids[1], now.AddHours(2), default));
        Assert.True(await Store.Inbox.EndSnoozeAsync("u1", ids[1], now.AddHours(1), default));
        Assert.Null((await Store.Inbox.GetAsync("u1", ids[1], default))!.SnoozedUntil);
        Assert.False(await Store.Inbox.EndSnoozeAsync("u1", ids[1], now.AddHours(1), default));

        // Archiving twice keeps the first instant; unarchiving and un-snoozing clear.
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[0], new InboxItemChange(Archived: true), later, default));
        Assert.Equal(now, (await Store.Inbox.GetAsync("u1", ids[0], default))!.ArchivedAt);
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[0], new InboxItemChange(Archived: false, Snooze: true, SnoozedUntil: null), later, default));
        Assert.Equal((null, null), ((await Store.Inbox.GetAsync("u1", ids[0], default))!.ArchivedAt, (await Store.Inbox.GetAsync("u1", ids[0], default))!.SnoozedUntil));
    }

    [Fact]
    public async Task Seen_marks_only_active_unseen_items_and_keeps_the_first_instant()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await AddToInboxAsync("u1", id, T0);
        }
        await AddToInboxAsync("u2", Guid.NewGuid(), T0);
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[0], new InboxItemChange(Archived: true), T0, default));

        Assert.Equal(2, await Store.Inbox.MarkSeenAsync("u1", T0.AddSeconds(1), default));
        Assert.Equal(0, await Store.Inbox.MarkSeenAsync("u1", T0.AddSeconds(2), default));
        Assert.Equal(T0.AddSeconds(1), (await Store.Inbox.GetAsync("u1", ids[1], default))!.SeenAt);
        Assert.Null((await Store.Inbox.GetAsync("u1", ids[0], default))!.SeenAt);
        Assert.Equal(new InboxCounts(2, 0), await Store.Inbox.CountsAsync("u1", T0, default));
        Assert.Equal(new InboxCounts(1, 1), await Store.Inbox.CountsAsync("u2", T0, default));
    }

    [Fact]
    public async Task Filters_by_category_and_tag_and_bulk_changes_only_what_the_filter_covers()
    {
        var invoice = Guid.NewGuid();
        var promo = Guid.NewGuid();
        var promoOther = Guid.NewGuid();
        await AddTaggedAsync("u1", invoice, T0, "billing", "invoice");
        await AddTaggedAsync("u1", promo, T0.AddSeconds(1), "marketing", "promo", "spring");
        await AddTaggedAsync("u2", promoOther, T0, "marketing", "promo");

        Assert.Equal([promo], (await Store.Inbox.ListAsync("u1", null, 10, new InboxQuery(Tag: "promo"), T0, default)).Notifications.Select(n => n.Id));
        Assert.Equal([invoice], (await Store.Inbox.ListAsync("u1", null, 10, new InboxQuery(Category: "billing"), T0, default)).Notifications.Select(n => n.Id));
        Assert.Empty((await Store.Inbox.ListAsync("u1", null, 10, new InboxQuery(Category: "billing", Tag: "promo"), T0, default)).Notifications);
        // A tag is a whole value, not a substring of the stored JSON.
        Assert.Empty((await Store.Inbox.ListAsync("u1", null, 10, new InboxQuery(Tag: "pro"), T0, default)).Notifications);

        Assert.Equal(1, await Store.Inbox.BulkAsync("u1", InboxBulkAction.Archive, new InboxQuery(Tag: "promo"), T0, default));
        Assert.Equal(0, await Store.Inbox.BulkAsync("u1", InboxBulkAction.Archive, new InboxQuery(Tag: "promo"), T0, default));
        Assert.Equal([invoice], (await Store.Inbox.ListAsync("u1", null, 10, InboxQuery.Active, T0, default)).Notifications.Select(n => n.Id));
        Assert.Equal(2, await Store.Inbox.BulkAsync("u1", InboxBulkAction.Read, new InboxQuery(InboxState.All), T0.AddSeconds(5), default));
        Assert.Equal(1, await Store.Inbox.BulkAsync("u1", InboxBulkAction.Unarchive, new InboxQuery(InboxState.Archived), T0, default));
        Assert.Equal(new InboxCounts(0, 2), await Store.Inbox.CountsAsync("u1", T0, default));
        Assert.Equal(new InboxCounts(1, 1), await Store.Inbox.CountsAsync("u2", T0, default));
    }

    [Fact]
    public async Task Newer_than_a_cursor_lists_active_items_oldest_first()
    {
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).Order().ToList();
        await AddToInboxAsync("u1", ids[0], T0);
        await AddToInboxAsync("u1", ids[1], T0.AddSeconds(1));
        await AddToInboxAsync("u1", ids[2], T0.AddSeconds(1));
        await AddToInboxAsync("u1", ids[3], T0.AddSeconds(2));
        Assert.True(await Store.Inbox.UpdateAsync("u1", ids[2], new InboxItemChange(Archived: true), T0, default));
        var cursor = Grains.Storage.InboxCursor.Encode(T0, ids[0]);

        Assert.Equal([ids[1], ids[3]], (await Store.Inbox.ListNewerAsync("u1", cursor, 10, T0, default)).Select(n => n.Id));
        Assert.Equal([ids[1]], (await Store.Inbox.ListNewerAsync("u1", cursor, 1, T0, default)).Select(n => n.Id));
        Assert.Empty(await Store.Inbox.ListNewerAsync("u2", cursor, 10, T0, default));
    }

    [Fact]
    public async Task An_action_click_makes_the_in_app_delivery_clicked_with_the_action_as_detail_and_the_first_click_stays()
    {
        var id = Guid.NewGuid();
        await AddTaggedAsync("u1", id, T0, "general");

        Assert.False(await Store.Inbox.RecordActionAsync("u1", Guid.NewGuid(), "open", T0, default));
        Assert.False(await Store.Inbox.RecordActionAsync("u2", id, "open", T0, default));
        Assert.True(await Store.Inbox.RecordActionAsync("u1", id, "open", T0.AddSeconds(3), default));
        Assert.True(await Store.Inbox.RecordActionAsync("u1", id, "other", T0.AddSeconds(4), default));
        await ReopenAsync();

        var inApp = (await Store.Notifications.GetAsync(id, default))!.Deliveries.Single(d => d.Channel == DeliveryChannel.InApp);
        Assert.Equal(DeliveryStatus.Clicked, inApp.Status);
        Assert.Equal(T0.AddSeconds(3), inApp.UpdatedAt);
        Assert.Equal([DeliveryStatus.Delivered, DeliveryStatus.Clicked], inApp.History!.Select(h => h.Status));
        Assert.Equal("open", inApp.History![1].Detail);
    }
}
