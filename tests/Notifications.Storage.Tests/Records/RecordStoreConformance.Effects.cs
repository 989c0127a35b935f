using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Effects;

namespace Notifications.Storage.Tests.Records;

/// <summary>The effect store: a grain turn's records, written after its state, replayed after a crash.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Applying_a_turn_writes_its_notification_record_inbox_row_and_delivery_jobs_durably()
    {
        var id = Guid.NewGuid();
        var data = new Dictionary<string, string> { ["postId"] = "42" };
        await ApplyAsync(Turn(
            [new NotificationRecord(id, "u1", "post.liked", "social", Priority.High, NotificationStatus.Dispatched, "Hi", "Body", T0)],
            [new InboxEntry(id, "u1", "post.liked", "social", "Hi", "Body", data, T0)],
            [Job(id, "u1", DeliveryChannel.Email, "ada@example.com", Priority.High)],
            Priority.High));
        await ReopenAsync();

        var view = await Store.Notifications.GetAsync(id, default);
        Assert.NotNull(view);
        Assert.Equal("u1", view.UserId);
        Assert.Equal("post.liked", view.Type);
        Assert.Equal(Priority.High, view.Priority);
        Assert.Equal(NotificationStatus.Dispatched, view.Status);
        Assert.Equal(T0, view.CreatedAt);
        // The inbox row is the in-app delivery; the view shows it beside the real jobs, targets masked.
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Email], view.Deliveries.Select(d => d.Channel));
        Assert.Equal(DeliveryStatus.Delivered, view.Deliveries[0].Status);
        Assert.Equal("a***@example.com", view.Deliveries[1].Target);
        Assert.Equal(DeliveryStatus.Queued, view.Deliveries[1].Status);
        var item = await Store.Inbox.GetAsync("u1", id, default);
        Assert.NotNull(item);
        Assert.Equal("42", item.Data["postId"]);
        Assert.Equal(1, (await Store.Inbox.CountsAsync("u1", T0, default)).Unread);
        var job = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.High, 10, T0, TimeSpan.FromMinutes(1), default));
        Assert.Equal(id, job.Request.NotificationId);
        Assert.Equal("ada@example.com", job.Request.Target);
        Assert.Equal("Hi", job.Request.Content.Title);
    }

    [Fact]
    public async Task Applying_the_same_turn_twice_leaves_exactly_one_notification_record_inbox_row_and_delivery_job()
    {
        var id = Guid.NewGuid();
        var turn = Turn([Record(id, "u1", T0)], [Entry(id, "u1", T0)], [Job(id, "u1", DeliveryChannel.Email, "ada@example.com")]);

        // A crash after the grain's state was written but before it learnt its records were: the turn is applied again.
        await ApplyAsync(turn);
        await ApplyAsync(turn);

        var page = await Store.Inbox.ListAsync("u1", null, 10, InboxQuery.Active, T0, default);
        Assert.Equal([id], page.Notifications.Select(n => n.Id));
        Assert.Equal(1, page.UnreadCount);
        var view = await Store.Notifications.GetAsync(id, default);
        Assert.NotNull(view);
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Email], view.Deliveries.Select(d => d.Channel));
        // One job, logged as queued once.
        Assert.Equal([DeliveryStatus.Queued], view.Deliveries[1].History!.Select(h => h.Status));
        Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task Replaying_a_turn_after_its_job_was_sent_and_its_item_read_undoes_neither()
    {
        var id = Guid.NewGuid();
        var turn = Turn([Record(id, "u1", T0)], [Entry(id, "u1", T0)], [Job(id, "u1", DeliveryChannel.Email, "ada@example.com")]);
        await ApplyAsync(turn);
        var claimed = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default));
        await Store.Deliveries.CompleteAsync([new DeliveryResult(claimed.Request.JobId, DeliveryStatus.Sent, 1, null, "<m@x>", T0.AddSeconds(1))], default);
        Assert.True(await Store.Inbox.SetReadAsync("u1", id, true, T0.AddSeconds(2), default));

        await ApplyAsync(turn);

        Assert.Equal(T0.AddSeconds(2), (await Store.Inbox.GetAsync("u1", id, default))!.ReadAt);
        Assert.Equal(0, (await Store.Inbox.CountsAsync("u1", T0, default)).Unread);
        var email = (await Store.Notifications.GetAsync(id, default))!.Deliveries.Single(d => d.Channel == DeliveryChannel.Email);
        Assert.Equal(DeliveryStatus.Sent, email.Status);
        Assert.Empty(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 10, T0.AddDays(1), TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task A_later_turn_upserts_the_notification_record_and_keeps_its_inbox_row()
    {
        var id = Guid.NewGuid();
        // Held by quiet hours ...
        await ApplyAsync(Turn([Record(id, "u1", T0) with { Status = NotificationStatus.Deferred }]));
        Assert.Equal(NotificationStatus.Deferred, (await Store.Notifications.GetAsync(id, default))!.Status);
        // ... released: the same record, now dispatched, enters the inbox ...
        await ApplyAsync(Turn([Record(id, "u1", T0)], [Entry(id, "u1", T0.AddMinutes(5))]));

        // ... and a later turn that upserts the record without an inbox entry must not lose the inbox row.
        await ApplyAsync(Turn([Record(id, "u1", T0) with { Title = "Hi again" }]));

        var view = await Store.Notifications.GetAsync(id, default);
        Assert.NotNull(view);
        Assert.Equal(NotificationStatus.Dispatched, view.Status);
        Assert.Equal("Hi again", view.Title);
        Assert.Equal(DeliveryChannel.InApp, Assert.Single(view.Deliveries).Channel);
        Assert.Equal(T0.AddMinutes(5), (await Store.Inbox.GetAsync("u1", id, default))!.CreatedAt);
    }

    [Fact]
    public async Task Turns_of_many_grains_applied_at_the_same_time_all_land()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        var turns = ids.Select((id, i) => Turn([Record(id, $"user-{i}", T0)], [Entry(id, $"user-{i}", T0)])).ToList();

        await Task.WhenAll(turns.Select(t => Task.Run(() => ApplyAsync(t))));

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal([ids[i]], (await Store.Inbox.ListAsync($"user-{i}", null, 10, InboxQuery.Active, T0, default)).Notifications.Select(n => n.Id));
        }
    }

    [Fact]
    public async Task An_empty_turn_writes_nothing_and_an_unknown_notification_is_not_found()
    {
        await ApplyAsync(Turn());

        Assert.Null(await Store.Notifications.GetAsync(Guid.NewGuid(), default));
        Assert.Empty((await Store.Inbox.ListAsync("u1", null, 10, InboxQuery.Active, T0, default)).Notifications);
    }
}
