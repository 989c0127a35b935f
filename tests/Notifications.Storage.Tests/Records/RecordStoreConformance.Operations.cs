using Notifications.Delivery;
using Notifications.Domain.Effects;

namespace Notifications.Storage.Tests.Records;

/// <summary>What the operations console reads: a dead letter by id and by channel, the outbox's depth, a user's newest notifications.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Dead_letters_filter_by_channel_and_one_is_found_by_id_only_while_dead()
    {
        var (_, mail) = await ApplyAndClaimAsync(DeliveryChannel.Email, "ann@example.com");
        var (_, sms) = await ApplyAndClaimAsync(DeliveryChannel.Sms, "+15550000001");
        await Store.Deliveries.CompleteAsync(
        [
            new DeliveryResult(mail.JobId, DeliveryStatus.DeadLettered, 8, "SMTP 421", null, T0),
            new DeliveryResult(sms.JobId, DeliveryStatus.DeadLettered, 8, "Twilio 20429", null, T0),
        ], default);

        Assert.Equal([sms.JobId], (await Store.Deliveries.ListDeadLettersAsync(null, 10, DeliveryChannel.Sms, default)).Select(d => d.Id));
        Assert.Empty(await Store.Deliveries.ListDeadLettersAsync(null, 10, DeliveryChannel.Apns, default));
        Assert.Equal([sms.JobId, mail.JobId], (await Store.Deliveries.ListDeadLettersAsync(null, 10, null, default)).Select(d => d.Id));

        var found = await Store.Deliveries.GetDeadLetterAsync(mail.JobId, default);
        Assert.NotNull(found);
        Assert.Equal("SMTP 421", found.Reason);
        Assert.Equal("a***@example.com", found.Target);
        await Store.Deliveries.ReplayAsync(mail.JobId, T0.AddMinutes(1), "replayed", default);
        Assert.Null(await Store.Deliveries.GetDeadLetterAsync(mail.JobId, default));
        Assert.Null(await Store.Deliveries.GetDeadLetterAsync(long.MaxValue, default));
    }

    [Fact]
    public async Task Outbox_depth_counts_waiting_jobs_per_channel_and_lane_and_the_dead_letters()
    {
        var id = Guid.NewGuid();
        await ApplyAsync(Turn([Record(id, "u1", T0)], deliveries:
        [
            Job(id, "u1", DeliveryChannel.Email, "a@example.com"),
            Job(id, "u1", DeliveryChannel.Email, "b@example.com"),
            Job(id, "u1", DeliveryChannel.Email, "c@example.com", Priority.Critical),
            Job(id, "u1", DeliveryChannel.Fcm, "token-1", Priority.Bulk, due: T0.AddHours(1)),
        ]));
        // One email is claimed (sending still waits), then another fails for good: it no longer waits.
        var claimed = await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 1, T0, TimeSpan.FromMinutes(1), default);
        var depth = await Store.Deliveries.CountOutboxAsync(default);
        Assert.Equal(2, depth.Waiting[(DeliveryChannel.Email, Priority.Normal)]);
        Assert.Equal(1, depth.Waiting[(DeliveryChannel.Email, Priority.Critical)]);
        Assert.Equal(1, depth.Waiting[(DeliveryChannel.Fcm, Priority.Bulk)]);
        Assert.Equal(3, depth.Waiting.Count);
        Assert.Equal(0, depth.DeadLetters);

        await Store.Deliveries.CompleteAsync([new DeliveryResult(claimed.Single().Request.JobId, DeliveryStatus.DeadLettered, 8, "gone", null, T0)], default);
        depth = await Store.Deliveries.CountOutboxAsync(default);
        Assert.Equal(1, depth.Waiting[(DeliveryChannel.Email, Priority.Normal)]);
        Assert.Equal(1, depth.DeadLetters);
    }

    [Fact]
    public async Task A_users_recent_notifications_are_newest_first_limited_and_only_theirs()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var at = T0.AddMinutes(i);
            var id = Guid.CreateVersion7(at);
            ids.Add(id);
            await ApplyAsync(Turn([Record(id, "u1", at)], deliveries: [Job(id, "u1", DeliveryChannel.Email, "a@example.com")]));
        }
        await ApplyAsync(Turn([Record(Guid.CreateVersion7(T0.AddHours(1)), "u2", T0.AddHours(1))]));

        var recent = await Store.Notifications.ListRecentAsync("u1", 3, default);
        Assert.Equal([ids[3], ids[2], ids[1]], recent.Select(n => n.Id));
        Assert.All(recent, n => Assert.Equal(DeliveryChannel.Email, Assert.Single(n.Deliveries).Channel));
        Assert.Empty(await Store.Notifications.ListRecentAsync("nobody", 3, default));
    }

    [Fact]
    public async Task A_users_recent_notifications_include_inbox_items_suppressed_ones_and_deferred_ones_released_later()
    {
        // Tried: the ways a notification is stored for a user — with an inbox row in its own turn, with none at all
        // (suppressed), with only an email job, and deferred first then released into the inbox by a later turn.
        // Must hold: every one is listed once, newest first by id, and nothing of another user's inbox leaks in.
        var inboxed = Guid.CreateVersion7(T0);
        await AddToInboxAsync("u1", inboxed, T0);
        var suppressed = Guid.CreateVersion7(T0.AddMinutes(1));
        await ApplyAsync(Turn([Record(suppressed, "u1", T0.AddMinutes(1)) with { Status = NotificationStatus.Suppressed }]));
        var emailOnly = Guid.CreateVersion7(T0.AddMinutes(2));
        await ApplyAsync(Turn([Record(emailOnly, "u1", T0.AddMinutes(2))], deliveries: [Job(emailOnly, "u1", DeliveryChannel.Email, "a@example.com")]));
        var deferred = Guid.CreateVersion7(T0.AddMinutes(3));
        await ApplyAsync(Turn([Record(deferred, "u1", T0.AddMinutes(3)) with { Status = NotificationStatus.Deferred }]));
        await ApplyAsync(Turn(inbox: [Entry(deferred, "u1", T0.AddHours(8))]));
        await AddToInboxAsync("u2", Guid.CreateVersion7(T0.AddMinutes(4)), T0.AddMinutes(4));

        var recent = await Store.Notifications.ListRecentAsync("u1", 10, default);
        Assert.Equal([deferred, emailOnly, suppressed, inboxed], recent.Select(n => n.Id));
        Assert.Equal([deferred, emailOnly], (await Store.Notifications.ListRecentAsync("u1", 2, default)).Select(n => n.Id));
        Assert.Contains(Assert.Single(recent, n => n.Id == deferred).Deliveries, d => d.Channel == DeliveryChannel.InApp);
    }
}
