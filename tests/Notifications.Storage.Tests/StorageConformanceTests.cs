using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Domain.State;
using Notifications.Model;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests;

/// <summary>
/// What every storage provider must do, whatever its engine. A provider's test class derives from this
/// and says how to open a fresh store and how to reopen the same one (to prove durability).
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private StorageUnderTest? _store;

    protected StorageUnderTest Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens the provider's store; the same test instance opening again must see the same data.</summary>
    protected abstract Task<StorageUnderTest> OpenAsync();

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = await OpenAsync();
    }

    [Fact]
    public async Task Stream_returns_critical_lane_first_then_append_order_and_commit_consumes_it()
    {
        var epoch = await Store.Partitions.AcquireAsync(3, "silo-a", default);
        await Append(3, Priority.Normal, "u1", "first");
        await Append(3, Priority.Bulk, "u2", "bulk");
        await Append(3, Priority.Critical, "u3", "urgent");
        await Append(3, Priority.Normal, "u1", "second");
        await Append(4, Priority.Critical, "elsewhere", "other partition");

        var batch = await Store.Partitions.ReadBatchAsync(3, 10, T0, default);
        Assert.Equal(["urgent", "first", "second", "bulk"], batch.Select(TitleOf));

        await Store.Partitions.CommitAsync(new PartitionCommit(3, epoch, batch, [], new TurnEffects()), default);
        Assert.Empty(await Store.Partitions.ReadBatchAsync(3, 10, T0, default));
        Assert.Single(await Store.Partitions.ReadBatchAsync(4, 10, T0, default));
    }

    [Fact]
    public async Task Committing_a_partial_batch_consumes_exactly_that_prefix_of_each_lane()
    {
        var epoch = await Store.Partitions.AcquireAsync(0, "s", default);
        for (var i = 0; i < 5; i++)
        {
            await Append(0, Priority.Normal, "u", $"n{i}");
            await Append(0, Priority.Critical, "u", $"c{i}");
        }
        var first = await Store.Partitions.ReadBatchAsync(0, 7, T0, default);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "n0", "n1"], first.Select(TitleOf));

        await Store.Partitions.CommitAsync(new PartitionCommit(0, epoch, first, [], new TurnEffects()), default);
        await Append(0, Priority.Critical, "u", "c5");

        Assert.Equal(["c5", "n2", "n3", "n4"], (await Store.Partitions.ReadBatchAsync(0, 10, T0, default)).Select(TitleOf));
    }

    [Fact]
    public async Task Idempotency_key_returns_the_first_id_until_it_expires()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        var window = TimeSpan.FromHours(1);

        var a = await AppendKeyed("u1", "order-42", first, T0, window);
        var b = await AppendKeyed("u1", "order-42", second, T0.AddMinutes(59), window);
        var other = await AppendKeyed("u2", "order-42", second, T0, window);
        var c = await AppendKeyed("u1", "order-42", third, T0.AddHours(1), window);

        Assert.False(a.Duplicate);
        Assert.True(b.Duplicate);
        Assert.Equal(first, b.NotificationId);
        Assert.Null(b.Sequence);
        Assert.False(other.Duplicate);
        Assert.False(c.Duplicate);
        Assert.Equal(third, c.NotificationId);
        Assert.Equal(3, (await Store.Partitions.ReadBatchAsync(0, 10, T0, default)).Count);
    }

    [Fact]
    public async Task Same_idempotency_key_twice_in_one_append_is_one_notification()
    {
        var first = Guid.NewGuid();
        var reservation = new IdempotencyReservation("u1", "k", T0.AddHours(1));
        var results = await Store.Log.AppendAsync(
        [
            new NewCommand(0, Priority.Normal, "u1", Notify("u1", "a", first), first, reservation),
            new NewCommand(0, Priority.Normal, "u1", Notify("u1", "b", Guid.NewGuid()), Guid.NewGuid(), reservation),
        ], T0, default);
        Assert.False(results[0].Duplicate);
        Assert.True(results[1].Duplicate);
        Assert.Equal(first, results[1].NotificationId);
    }

    [Fact]
    public async Task Commit_from_a_stale_epoch_is_refused_and_changes_nothing()
    {
        var old = await Store.Partitions.AcquireAsync(1, "silo-a", default);
        var current = await Store.Partitions.AcquireAsync(1, "silo-b", default);
        Assert.True(current > old);
        await Append(1, Priority.Normal, "u1", "x");
        var batch = await Store.Partitions.ReadBatchAsync(1, 10, T0, default);
        var effects = new TurnEffects();
        effects.Inbox.Add(Entry("u1", Guid.NewGuid(), T0));

        await Assert.ThrowsAsync<LeaseLostException>(() => Store.Partitions.CommitAsync(new PartitionCommit(1, old, batch, [UserState.New("u1")], effects), default));

        Assert.Single(await Store.Partitions.ReadBatchAsync(1, 10, T0, default));
        Assert.Empty((await Store.Inbox.ListAsync("u1", null, 10, default)).Notifications);
        Assert.Empty(await Store.Partitions.LoadStatesAsync(["u1"], default));
    }

    [Fact]
    public async Task Commit_writes_state_and_every_effect_atomically_and_durably()
    {
        var epoch = await Store.Partitions.AcquireAsync(2, "silo-a", default);
        var id = Guid.NewGuid();
        await Append(2, Priority.Normal, "u1", "x");
        var batch = await Store.Partitions.ReadBatchAsync(2, 10, T0, default);
        var state = UserState.New("u1");
        state.Registered = true;
        state.Profile = new UserProfile { Email = "a@example.com", TimeZone = "Europe/Berlin" };
        var effects = new TurnEffects();
        effects.Notifications.Add(new NotificationRecord(id, "u1", "t", "social", Priority.High, NotificationStatus.Dispatched, "Hi", "Body", T0));
        effects.Inbox.Add(Entry("u1", id, T0));
        var content = new RenderedContent("Hi", "Body", null, "social", "t", new Dictionary<string, string>());
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Email, "ada@example.com", Priority.High, T0, "k2", content));
        effects.Timers.Add(new TimerRequest(T0.AddMinutes(5), new FlushDigestCommand { UserId = "u1", DigestKey = "d", WindowId = Guid.NewGuid() }, Priority.Normal));

        await Store.Partitions.CommitAsync(new PartitionCommit(2, epoch, batch, [state], effects), default);
        await ReopenAsync();

        var loaded = (await Store.Partitions.LoadStatesAsync(["u1", "nobody"], default))["u1"];
        Assert.True(loaded.Registered);
        Assert.Equal("Europe/Berlin", loaded.Profile.TimeZone);
        var view = await Store.Notifications.GetAsync(id, default);
        Assert.NotNull(view);
        Assert.Equal(NotificationStatus.Dispatched, view.Status);
        // The inbox row is the in-app delivery; the view shows it beside the real jobs.
        Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Email], view.Deliveries.Select(d => d.Channel));
        Assert.Equal(DeliveryStatus.Delivered, view.Deliveries[0].Status);
        Assert.Equal("a***@example.com", view.Deliveries[1].Target);
        Assert.Equal(1, await Store.Inbox.UnreadCountAsync("u1", default));
        Assert.Empty(await Store.Partitions.ReadBatchAsync(2, 10, T0, default));
    }

    [Fact]
    public async Task Timer_is_read_only_when_due_and_fires_once()
    {
        var epoch = await Store.Partitions.AcquireAsync(5, "silo-a", default);
        var effects = new TurnEffects();
        effects.Timers.Add(new TimerRequest(T0.AddMinutes(10), new FlushDigestCommand { UserId = "u1", DigestKey = "d", WindowId = Guid.NewGuid() }, Priority.Normal));
        await Store.Partitions.CommitAsync(new PartitionCommit(5, epoch, [], [], effects), default);

        Assert.Empty(await Store.Partitions.ReadBatchAsync(5, 10, T0, default));
        var (due, next) = await Store.Partitions.DueTimersAsync(T0, default);
        Assert.Empty(due);
        Assert.Equal(T0.AddMinutes(10), next);

        var (dueLater, _) = await Store.Partitions.DueTimersAsync(T0.AddMinutes(10), default);
        Assert.Equal([5], dueLater);
        var fired = Assert.Single(await Store.Partitions.ReadBatchAsync(5, 10, T0.AddMinutes(10), default));
        Assert.True(fired.IsTimer);
        Assert.IsType<FlushDigestCommand>(fired.Command);

        await Store.Partitions.CommitAsync(new PartitionCommit(5, epoch, [fired], [], new TurnEffects()), default);
        Assert.Empty(await Store.Partitions.ReadBatchAsync(5, 10, T0.AddDays(1), default));
        Assert.Empty((await Store.Partitions.DueTimersAsync(T0.AddDays(1), default)).DuePartitions);
    }

    [Fact]
    public async Task Accepted_notification_is_visible_before_it_is_processed()
    {
        var id = Guid.NewGuid();
        await Store.Log.AppendAsync([new NewCommand(0, Priority.Normal, "u1", Notify("u1", "pending", id), id)], T0, default);
        var view = await Store.Notifications.GetAsync(id, default);
        Assert.NotNull(view);
        Assert.Equal(NotificationStatus.Accepted, view.Status);
        Assert.Null(await Store.Notifications.GetAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task Inbox_pages_newest_first_with_cursor_and_counts_unread()
    {
        var epoch = await Store.Partitions.AcquireAsync(0, "s", default);
        var effects = new TurnEffects();
        var ids = Enumerable.Range(0, 5).Select(i => Guid.CreateVersion7(T0.AddSeconds(i))).ToList();
        for (var i = 0; i < 5; i++)
        {
            AddToInbox(effects, "u1", ids[i], T0.AddSeconds(i / 2)); // pairs share an instant: the id breaks ties
        }
        AddToInbox(effects, "u2", Guid.NewGuid(), T0);
        await Store.Partitions.CommitAsync(new PartitionCommit(0, epoch, [], [], effects), default);

        var page1 = await Store.Inbox.ListAsync("u1", null, 2, default);
        var page2 = await Store.Inbox.ListAsync("u1", page1.NextCursor, 2, default);
        var page3 = await Store.Inbox.ListAsync("u1", page2.NextCursor, 2, default);
        var all = page1.Notifications.Concat(page2.Notifications).Concat(page3.Notifications).Select(n => n.Id).ToList();
        Assert.Equal(Enumerable.Reverse(ids), all);
        Assert.Null(page3.NextCursor);
        Assert.Equal(5, page1.UnreadCount);

        Assert.True(await Store.Inbox.SetReadAsync("u1", ids[0], true, T0, default));
        Assert.False(await Store.Inbox.SetReadAsync("u2", ids[0], true, T0, default));
        Assert.False(await Store.Inbox.SetReadAsync("u1", Guid.NewGuid(), true, T0, default));
        Assert.Equal(4, await Store.Inbox.UnreadCountAsync("u1", default));
        Assert.NotNull((await Store.Inbox.GetAsync("u1", ids[0], default))!.ReadAt);
        Assert.True(await Store.Inbox.SetReadAsync("u1", ids[0], false, T0, default));
        Assert.Equal(5, await Store.Inbox.UnreadCountAsync("u1", default));

        Assert.Equal(5, await Store.Inbox.MarkAllReadAsync("u1", T0, default));
        Assert.Equal(0, await Store.Inbox.UnreadCountAsync("u1", default));
        Assert.Equal(1, await Store.Inbox.UnreadCountAsync("u2", default));
    }

    [Fact]
    public async Task Retention_purge_removes_only_items_older_than_the_cutoff()
    {
        var epoch = await Store.Partitions.AcquireAsync(0, "s", default);
        var effects = new TurnEffects();
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        AddToInbox(effects, "u1", old, T0.AddDays(-91));
        AddToInbox(effects, "u1", recent, T0.AddDays(-89));
        await Store.Partitions.CommitAsync(new PartitionCommit(0, epoch, [], [], effects), default);

        Assert.Equal(1, await Store.Inbox.PurgeAsync(T0.AddDays(-90), default));
        Assert.Equal([recent], (await Store.Inbox.ListAsync("u1", null, 10, default)).Notifications.Select(n => n.Id));
    }

    [Fact]
    public async Task Delivery_jobs_are_claimed_per_channel_and_lane_when_due_and_come_back_after_their_lease()
    {
        var epoch = await Store.Partitions.AcquireAsync(0, "s", default);
        var effects = new TurnEffects();
        var content = new RenderedContent("t", "b", null, "c", null, new Dictionary<string, string> { ["k"] = "v" });
        var id = Guid.NewGuid();
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Email, "a@example.com", Priority.Critical, T0, "e1", content));
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Email, "b@example.com", Priority.Bulk, T0, "e2", content));
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Sms, "+14155550100", Priority.Critical, T0.AddMinutes(1), "s1", content));
        await Store.Partitions.CommitAsync(new PartitionCommit(0, epoch, [], [], effects), default);

        var claimed = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Critical, 10, T0, TimeSpan.FromMinutes(1), default));
        Assert.Equal("a@example.com", claimed.Request.Target);
        Assert.Equal(1, claimed.Request.Attempt);
        Assert.Equal("v", claimed.Request.Content.Data["k"]);
        Assert.Empty(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Critical, 10, T0, TimeSpan.FromMinutes(1), default));
        Assert.Empty(await Store.Deliveries.ClaimAsync(DeliveryChannel.Sms, Priority.Critical, 10, T0, TimeSpan.FromMinutes(1), default));

        // The worker died: once the lease runs out the job is claimable again, as attempt 2.
        var again = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Critical, 10, T0.AddMinutes(1), TimeSpan.FromMinutes(1), default));
        Assert.Equal(2, again.Request.Attempt);

        await Store.Deliveries.CompleteAsync([new DeliveryResult(again.Request.JobId, DeliveryStatus.Queued, 2, "429", null, T0.AddMinutes(1), T0.AddMinutes(5))], default);
        Assert.Empty(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Critical, 10, T0.AddMinutes(4), TimeSpan.FromMinutes(1), default));
        var retry = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Critical, 10, T0.AddMinutes(5), TimeSpan.FromMinutes(1), default));
        await Store.Deliveries.CompleteAsync([new DeliveryResult(retry.Request.JobId, DeliveryStatus.Sent, 3, null, "provider-1", T0.AddMinutes(5))], default);
        Assert.Empty(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Critical, 10, T0.AddDays(1), TimeSpan.FromMinutes(1), default));

        var view = await Store.Notifications.GetAsync(id, default);
        Assert.Null(view); // no notification record was committed; deliveries alone do not make one
    }

    [Fact]
    public async Task Tracking_moves_a_delivery_only_forward_and_logs_every_transition()
    {
        var (id, job) = await CommitAndClaimAsync(DeliveryChannel.Sms, "+14155550100");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(job.JobId, DeliveryStatus.Sent, 1, null, "SM1", T0.AddSeconds(1))], default);

        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM1", DeliveryStatus.Delivered, T0.AddSeconds(2), "twilio: delivered", default));
        // Late, repeated and contradicting reports change nothing.
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM1", DeliveryStatus.Sent, T0.AddSeconds(3), null, default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM1", DeliveryStatus.Delivered, T0.AddSeconds(3), null, default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackAsync(job.JobId, DeliveryStatus.Bounced, T0.AddSeconds(3), null, default));
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(job.JobId, DeliveryStatus.Opened, T0.AddSeconds(4), null, default));
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(job.JobId, DeliveryStatus.Clicked, T0.AddSeconds(5), "https://example.com/", default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackAsync(job.JobId, DeliveryStatus.Opened, T0.AddSeconds(6), null, default));
        Assert.Equal(DeliveryTrackResult.NotFound, await Store.Deliveries.TrackAsync(job.JobId + 1000, DeliveryStatus.Opened, T0, null, default));
        // Provider ids are per channel: an SMS id says nothing about an email.
        Assert.Equal(DeliveryTrackResult.Pending, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Email, "SM1", DeliveryStatus.Bounced, T0, null, default));
        await ReopenAsync();

        var delivery = (await Store.Notifications.GetAsync(id, default))!.Deliveries.Single(d => d.Id == job.JobId);
        Assert.Equal(DeliveryStatus.Clicked, delivery.Status);
        Assert.Equal("SM1", delivery.ProviderMessageId);
        Assert.Equal(
            [DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Clicked],
            delivery.History!.Select(h => h.Status));
        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(4), T0.AddSeconds(5)], delivery.History!.Select(h => h.At));
        Assert.Equal("twilio: delivered", delivery.History![2].Detail);
    }

    [Fact]
    public async Task Failure_is_final_and_a_bounce_cannot_follow_delivery()
    {
        var (_, first) = await CommitAndClaimAsync(DeliveryChannel.Sms, "+14155550100");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(first.JobId, DeliveryStatus.Sent, 1, null, "SM2", T0)], default);
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM2", DeliveryStatus.Bounced, T0, "30003", default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM2", DeliveryStatus.Delivered, T0, null, default));

        var (_, second) = await CommitAndClaimAsync(DeliveryChannel.Sms, "+14155550101");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(second.JobId, DeliveryStatus.Sent, 1, null, "SM3", T0)], default);
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM3", DeliveryStatus.Delivered, T0, null, default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM3", DeliveryStatus.Failed, T0, null, default));
    }

    [Fact]
    public async Task Provider_report_that_overtakes_the_record_of_the_send_is_applied_when_the_send_is_recorded()
    {
        var (id, job) = await CommitAndClaimAsync(DeliveryChannel.Sms, "+14155550100");

        Assert.Equal(DeliveryTrackResult.Pending, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM-early", DeliveryStatus.Delivered, T0.AddSeconds(2), "twilio: delivered", default));
        Assert.Equal(DeliveryTrackResult.Pending, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM-early", DeliveryStatus.Sent, T0.AddSeconds(1), "twilio: sent", default));
        await Store.Deliveries.CompleteAsync([new DeliveryResult(job.JobId, DeliveryStatus.Sent, 1, null, "SM-early", T0.AddSeconds(3))], default);

        var delivery = (await Store.Notifications.GetAsync(id, default))!.Deliveries.Single(d => d.Id == job.JobId);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Delivered], delivery.History!.Select(h => h.Status));
        // Applied once: reporting it again now is a duplicate.
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM-early", DeliveryStatus.Delivered, T0.AddSeconds(4), null, default));
    }

    [Fact]
    public async Task A_workers_late_record_of_the_send_does_not_undo_a_tracked_status()
    {
        var (id, job) = await CommitAndClaimAsync(DeliveryChannel.Email, "ada@example.com");
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(job.JobId, DeliveryStatus.Opened, T0.AddSeconds(1), null, default));
        await Store.Deliveries.CompleteAsync([new DeliveryResult(job.JobId, DeliveryStatus.Sent, 1, null, "<m@x>", T0.AddSeconds(2))], default);

        var delivery = (await Store.Notifications.GetAsync(id, default))!.Deliveries.Single(d => d.Id == job.JobId);
        Assert.Equal(DeliveryStatus.Opened, delivery.Status);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Opened, DeliveryStatus.Sent], delivery.History!.Select(h => h.Status));
    }

    [Fact]
    public async Task Deliveries_of_one_users_notification_move_together_by_channel()
    {
        var epoch = await Store.Partitions.AcquireAsync(0, "s", default);
        var id = Guid.NewGuid();
        var effects = new TurnEffects();
        effects.Notifications.Add(new NotificationRecord(id, "u1", null, "social", Priority.Normal, NotificationStatus.Dispatched, "t", "b", T0));
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Apns, new string('a', 64), Priority.Normal, T0, "a", Content));
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Fcm, "fcm-token", Priority.Normal, T0, "f", Content));
        effects.Deliveries.Add(new DeliveryJob(id, "u1", DeliveryChannel.Email, "ada@example.com", Priority.Normal, T0, "e", Content));
        await Store.Partitions.CommitAsync(new PartitionCommit(0, epoch, [], [], effects), default);
        DeliveryChannel[] push = [DeliveryChannel.Apns, DeliveryChannel.Fcm, DeliveryChannel.WebPush];

        Assert.Equal(0, await Store.Deliveries.TrackNotificationAsync("someone-else", id, push, DeliveryStatus.Opened, T0, null, default));
        Assert.Equal(2, await Store.Deliveries.TrackNotificationAsync("u1", id, push, DeliveryStatus.Opened, T0, null, default));
        Assert.Equal(0, await Store.Deliveries.TrackNotificationAsync("u1", id, push, DeliveryStatus.Opened, T0, null, default));

        var statuses = (await Store.Notifications.GetAsync(id, default))!.Deliveries.ToDictionary(d => d.Channel, d => d.Status);
        Assert.Equal(DeliveryStatus.Opened, statuses[DeliveryChannel.Apns]);
        Assert.Equal(DeliveryStatus.Opened, statuses[DeliveryChannel.Fcm]);
        Assert.Equal(DeliveryStatus.Queued, statuses[DeliveryChannel.Email]);
    }

    [Fact]
    public async Task Dead_letters_page_newest_first_and_replay_requeues_with_attempts_reset()
    {
        var jobs = new List<DeliveryRequest>();
        for (var i = 0; i < 3; i++)
        {
            var (_, job) = await CommitAndClaimAsync(DeliveryChannel.Email, $"user{i}@example.com");
            jobs.Add(job);
            await Store.Deliveries.CompleteAsync([new DeliveryResult(job.JobId, DeliveryStatus.DeadLettered, 8, "SMTP 421", null, T0.AddMinutes(i))], default);
        }
        var (_, alive) = await CommitAndClaimAsync(DeliveryChannel.Email, "ok@example.com");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(alive.JobId, DeliveryStatus.Sent, 1, null, null, T0)], default);

        var first = await Store.Deliveries.ListDeadLettersAsync(null, 2, default);
        Assert.Equal([jobs[2].JobId, jobs[1].JobId], first.Select(d => d.Id));
        Assert.Equal("u***@example.com", first[0].Target);
        Assert.Equal(8, first[0].Attempts);
        Assert.Equal("SMTP 421", first[0].Reason);
        Assert.Equal(T0.AddMinutes(2), first[0].DeadLetteredAt);
        Assert.Equal([jobs[0].JobId], (await Store.Deliveries.ListDeadLettersAsync(first[^1].Id, 2, default)).Select(d => d.Id));

        var replayed = await Store.Deliveries.ReplayAsync(jobs[1].JobId, T0.AddHours(1), "replayed", default);
        Assert.NotNull(replayed);
        Assert.Equal(DeliveryChannel.Email, replayed.Channel);
        Assert.Equal(jobs[1].NotificationId, replayed.NotificationId);
        Assert.Null(await Store.Deliveries.ReplayAsync(jobs[1].JobId, T0.AddHours(1), "again", default));
        Assert.Null(await Store.Deliveries.ReplayAsync(alive.JobId, T0.AddHours(1), "not dead", default));
        Assert.Equal([jobs[2].JobId, jobs[0].JobId], (await Store.Deliveries.ListDeadLettersAsync(null, 10, default)).Select(d => d.Id));

        var claimed = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 10, T0.AddHours(1), TimeSpan.FromMinutes(1), default));
        Assert.Equal(jobs[1].JobId, claimed.Request.JobId);
        Assert.Equal(1, claimed.Request.Attempt);
        Assert.Equal("Hi", claimed.Request.Content.Title);
        var history = (await Store.Notifications.GetAsync(jobs[1].NotificationId, default))!.Deliveries.Single().History!;
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.DeadLettered, DeliveryStatus.Queued], history.Select(h => h.Status));
        Assert.Equal("replayed", history[^1].Detail);
    }

    private static readonly RenderedContent Content = new("Hi", "Body", null, "social", null, new Dictionary<string, string>());

    /// <summary>Commits one notification with one delivery job due at T0 and claims it.</summary>
    private async Task<(Guid NotificationId, DeliveryRequest Job)> CommitAndClaimAsync(DeliveryChannel channel, string target)
    {
        var epoch = await Store.Partitions.AcquireAsync(0, "s", default);
        var id = Guid.NewGuid();
        var effects = new TurnEffects();
        effects.Notifications.Add(new NotificationRecord(id, "u1", null, "social", Priority.Normal, NotificationStatus.Dispatched, "Hi", "Body", T0));
        effects.Deliveries.Add(new DeliveryJob(id, "u1", channel, target, Priority.Normal, T0, $"{id:N}:{channel}", Content));
        await Store.Partitions.CommitAsync(new PartitionCommit(0, epoch, [], [], effects), default);
        var claimed = Assert.Single(await Store.Deliveries.ClaimAsync(channel, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default));
        return (id, claimed.Request);
    }

    [Fact]
    public async Task Templates_api_keys_and_settings_round_trip()
    {
        var definition = new NotificationTypeDefinition
        {
            Type = "post.liked",
            Category = "social",
            Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "t", Body = "{{actors}}" }],
            UpdatedAt = T0,
        };
        await Store.Templates.UpsertAsync(definition, default);
        await Store.Templates.UpsertAsync(definition with { Category = "social2" }, default);
        Assert.Equal("social2", Assert.Single(await Store.Templates.ListAsync(default)).Category);
        Assert.True(await Store.Templates.DeleteAsync("post.liked", default));
        Assert.False(await Store.Templates.DeleteAsync("post.liked", default));

        await Store.ApiKeys.AddAsync(new ApiKeyRecord("k1", "ci", "hash-1", ["send", "manage"], T0, null), default);
        var found = await Store.ApiKeys.FindByHashAsync("hash-1", default);
        Assert.Equal(["send", "manage"], found!.Scopes);
        Assert.True(await Store.ApiKeys.RevokeAsync("k1", T0, default));
        Assert.NotNull((await Store.ApiKeys.FindByHashAsync("hash-1", default))!.RevokedAt);
        Assert.False(await Store.ApiKeys.RevokeAsync("nope", T0, default));

        Assert.Equal("first", await Store.Settings.GetOrAddAsync("signing-key", "first", default));
        Assert.Equal("first", await Store.Settings.GetOrAddAsync("signing-key", "second", default));
    }

    private static string TitleOf(StreamEntry entry) => ((NotifyCommand)entry.Command).Content!.Title;

    private Task<IReadOnlyList<AppendResult>> Append(int partition, Priority lane, string user, string title)
    {
        var id = Guid.NewGuid();
        return Store.Log.AppendAsync([new NewCommand(partition, lane, user, Notify(user, title, id), id)], T0, default);
    }

    private async Task<AppendResult> AppendKeyed(string user, string key, Guid id, DateTimeOffset now, TimeSpan window) =>
        (await Store.Log.AppendAsync([new NewCommand(0, Priority.Normal, user, Notify(user, key, id), id, new IdempotencyReservation(user, key, now + window))], now, default))[0];

    protected static NotifyCommand Notify(string user, string title, Guid id) => new()
    {
        UserId = user,
        NotificationId = id,
        Category = "social",
        Content = new InlineContent(title, "body"),
        Channels = [ChannelKind.InApp],
        AcceptedAt = T0,
    };

    private static InboxEntry Entry(string user, Guid id, DateTimeOffset at) =>
        new(id, user, "t", "social", "title", "body", new Dictionary<string, string>(), at);

    /// <summary>An inbox item the way a grain writes one: with its notification record in the same commit.</summary>
    private static void AddToInbox(TurnEffects effects, string user, Guid id, DateTimeOffset at)
    {
        effects.Notifications.Add(new NotificationRecord(id, user, "t", "social", Priority.Normal, NotificationStatus.Dispatched, "title", "body", at));
        effects.Inbox.Add(Entry(user, id, at));
    }
}
