using Notifications.Api;

namespace Notifications.Storage.Tests.Records;

/// <summary>The inbox store: paging, read marks, unread counts, retention.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Inbox_pages_newest_first_with_a_cursor_and_counts_unread()
    {
        var ids = Enumerable.Range(0, 5).Select(i => Guid.CreateVersion7(T0.AddSeconds(i))).ToList();
        for (var i = 0; i < 5; i++)
        {
            await AddToInboxAsync("u1", ids[i], T0.AddSeconds(i / 2)); // pairs share an instant: the id breaks ties
        }
        await AddToInboxAsync("u2", Guid.NewGuid(), T0);

        var page1 = await Store.Inbox.ListAsync("u1", null, 2, InboxQuery.Active, T0, default);
        var page2 = await Store.Inbox.ListAsync("u1", page1.NextCursor, 2, InboxQuery.Active, T0, default);
        var page3 = await Store.Inbox.ListAsync("u1", page2.NextCursor, 2, InboxQuery.Active, T0, default);

        var all = page1.Notifications.Concat(page2.Notifications).Concat(page3.Notifications).Select(n => n.Id).ToList();
        Assert.Equal(Enumerable.Reverse(ids), all);
        Assert.NotNull(page1.NextCursor);
        Assert.Null(page3.NextCursor);
        Assert.Equal(5, page1.UnreadCount);
    }

    [Fact]
    public async Task Read_marks_apply_only_to_the_users_own_items_and_mark_all_read_clears_only_that_users_count()
    {
        var ids = Enumerable.Range(0, 5).Select(i => Guid.CreateVersion7(T0.AddSeconds(i))).ToList();
        foreach (var id in ids)
        {
            await AddToInboxAsync("u1", id, T0);
        }
        await AddToInboxAsync("u2", Guid.NewGuid(), T0);

        Assert.True(await Store.Inbox.SetReadAsync("u1", ids[0], true, T0, default));
        Assert.False(await Store.Inbox.SetReadAsync("u2", ids[0], true, T0, default));
        Assert.False(await Store.Inbox.SetReadAsync("u1", Guid.NewGuid(), true, T0, default));
        Assert.Equal(4, (await Store.Inbox.CountsAsync("u1", T0, default)).Unread);
        Assert.Equal(T0, (await Store.Inbox.GetAsync("u1", ids[0], default))!.ReadAt);
        Assert.Null(await Store.Inbox.GetAsync("u2", ids[0], default));

        // Marking it read again keeps the first read time; unread clears it.
        Assert.True(await Store.Inbox.SetReadAsync("u1", ids[0], true, T0.AddHours(1), default));
        Assert.Equal(T0, (await Store.Inbox.GetAsync("u1", ids[0], default))!.ReadAt);
        Assert.True(await Store.Inbox.SetReadAsync("u1", ids[0], false, T0, default));
        Assert.Null((await Store.Inbox.GetAsync("u1", ids[0], default))!.ReadAt);
        Assert.Equal(5, (await Store.Inbox.CountsAsync("u1", T0, default)).Unread);

        Assert.Equal(5, await Store.Inbox.MarkAllReadAsync("u1", T0, default));
        Assert.Equal(0, (await Store.Inbox.CountsAsync("u1", T0, default)).Unread);
        Assert.Equal(0, await Store.Inbox.MarkAllReadAsync("u1", T0, default));
        Assert.Equal(1, (await Store.Inbox.CountsAsync("u2", T0, default)).Unread);
    }

    [Fact]
    public async Task Retention_purge_removes_only_items_older_than_the_cutoff()
    {
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        await AddToInboxAsync("u1", old, T0.AddDays(-91));
        await AddToInboxAsync("u1", recent, T0.AddDays(-89));

        Assert.Equal(1, await Store.Inbox.PurgeAsync(T0.AddDays(-90), default));

        Assert.Equal([recent], (await Store.Inbox.ListAsync("u1", null, 10, InboxQuery.Active, T0, default)).Notifications.Select(n => n.Id));
        Assert.Null(await Store.Inbox.GetAsync("u1", old, default));
        Assert.Equal(0, await Store.Inbox.PurgeAsync(T0.AddDays(-90), default));
    }
}
