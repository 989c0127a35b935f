using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests.Records;

/// <summary>The delivery outbox: claims under a lease, retries, the record of each send.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Delivery_jobs_are_claimed_per_channel_and_lane_when_due_and_come_back_after_their_lease()
    {
        var content = new RenderedContent("t", "b", null, "c", null, new Dictionary<string, string> { ["k"] = "v" });
        var id = Guid.NewGuid();
        await ApplyAsync(Turn(deliveries:
        [
            Job(id, "u1", DeliveryChannel.Email, "a@example.com", Priority.Critical, T0, "e1") with { Content = content },
            Job(id, "u1", DeliveryChannel.Email, "b@example.com", Priority.Bulk, T0, "e2"),
            Job(id, "u1", DeliveryChannel.Sms, "+14155550100", Priority.Critical, T0.AddMinutes(1), "s1"),
        ]));

        var claimed = Assert.Single(await Claim(DeliveryChannel.Email, Priority.Critical, T0));
        Assert.Equal("a@example.com", claimed.Request.Target);
        Assert.Equal(1, claimed.Request.Attempt);
        Assert.Equal("e1", claimed.Request.IdempotencyKey);
        Assert.Equal("v", claimed.Request.Content.Data["k"]);
        Assert.Equal(T0.AddMinutes(1), claimed.LeaseUntil);
        // Claimed is leased; the SMS is not due yet.
        Assert.Empty(await Claim(DeliveryChannel.Email, Priority.Critical, T0));
        Assert.Empty(await Claim(DeliveryChannel.Sms, Priority.Critical, T0));
        Assert.Equal("b@example.com", Assert.Single(await Claim(DeliveryChannel.Email, Priority.Bulk, T0)).Request.Target);

        // The worker died: once the lease runs out the job is claimable again, as attempt 2.
        var again = Assert.Single(await Claim(DeliveryChannel.Email, Priority.Critical, T0.AddMinutes(1)));
        Assert.Equal(claimed.Request.JobId, again.Request.JobId);
        Assert.Equal(2, again.Request.Attempt);

        // A retry is due at its next attempt, not before; a send is final.
        await Store.Deliveries.CompleteAsync([new DeliveryResult(again.Request.JobId, DeliveryStatus.Queued, 2, "429", null, T0.AddMinutes(1), T0.AddMinutes(5))], default);
        Assert.Empty(await Claim(DeliveryChannel.Email, Priority.Critical, T0.AddMinutes(4)));
        var retry = Assert.Single(await Claim(DeliveryChannel.Email, Priority.Critical, T0.AddMinutes(5)));
        Assert.Equal(3, retry.Request.Attempt);
        await Store.Deliveries.CompleteAsync([new DeliveryResult(retry.Request.JobId, DeliveryStatus.Sent, 3, null, "provider-1", T0.AddMinutes(5))], default);
        Assert.Empty(await Claim(DeliveryChannel.Email, Priority.Critical, T0.AddDays(1)));

        // No notification record was written; deliveries alone do not make one.
        Assert.Null(await Store.Notifications.GetAsync(id, default));
    }

    [Fact]
    public async Task A_claim_takes_at_most_the_limit_oldest_due_first()
    {
        var id = Guid.NewGuid();
        await ApplyAsync(Turn(deliveries: [.. Enumerable.Range(0, 5).Select(i => Job(id, "u1", DeliveryChannel.Fcm, $"token-{i}", due: T0.AddSeconds(-i)))]));

        var first = await Store.Deliveries.ClaimAsync(DeliveryChannel.Fcm, Priority.Normal, 3, T0, TimeSpan.FromMinutes(1), default);
        var rest = await Store.Deliveries.ClaimAsync(DeliveryChannel.Fcm, Priority.Normal, 3, T0, TimeSpan.FromMinutes(1), default);

        // Which jobs, not in which order they come back.
        Assert.Equal(["token-2", "token-3", "token-4"], first.Select(c => c.Request.Target).Order(StringComparer.Ordinal));
        Assert.Equal(["token-0", "token-1"], rest.Select(c => c.Request.Target).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tracking_moves_a_delivery_only_forward_and_logs_every_transition_durably()
    {
        var (id, job) = await ApplyAndClaimAsync(DeliveryChannel.Sms, "+14155550100");
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
        var (_, first) = await ApplyAndClaimAsync(DeliveryChannel.Sms, "+14155550100");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(first.JobId, DeliveryStatus.Sent, 1, null, "SM2", T0)], default);
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM2", DeliveryStatus.Bounced, T0, "30003", default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM2", DeliveryStatus.Delivered, T0, null, default));

        var (_, second) = await ApplyAndClaimAsync(DeliveryChannel.Sms, "+14155550101");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(second.JobId, DeliveryStatus.Sent, 1, null, "SM3", T0)], default);
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM3", DeliveryStatus.Delivered, T0, null, default));
        Assert.Equal(DeliveryTrackResult.Ignored, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM3", DeliveryStatus.Failed, T0, null, default));
    }

    [Fact]
    public async Task A_provider_report_that_overtakes_the_record_of_the_send_is_applied_when_the_send_is_recorded()
    {
        var (id, job) = await ApplyAndClaimAsync(DeliveryChannel.Sms, "+14155550100");

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
        var (id, job) = await ApplyAndClaimAsync(DeliveryChannel.Email, "ada@example.com");
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(job.JobId, DeliveryStatus.Opened, T0.AddSeconds(1), null, default));
        await Store.Deliveries.CompleteAsync([new DeliveryResult(job.JobId, DeliveryStatus.Sent, 1, null, "<m@x>", T0.AddSeconds(2))], default);

        var delivery = (await Store.Notifications.GetAsync(id, default))!.Deliveries.Single(d => d.Id == job.JobId);
        Assert.Equal(DeliveryStatus.Opened, delivery.Status);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Opened, DeliveryStatus.Sent], delivery.History!.Select(h => h.Status));
    }

    [Fact]
    public async Task Deliveries_of_one_users_notification_move_together_by_channel()
    {
        var id = Guid.NewGuid();
        await ApplyAsync(Turn([Record(id, "u1", T0)], deliveries:
        [
            Job(id, "u1", DeliveryChannel.Apns, new string('a', 64)),
            Job(id, "u1", DeliveryChannel.Fcm, "fcm-token"),
            Job(id, "u1", DeliveryChannel.Email, "ada@example.com"),
        ]));
        DeliveryChannel[] push = [DeliveryChannel.Apns, DeliveryChannel.Fcm, DeliveryChannel.WebPush];

        Assert.Equal(0, await Store.Deliveries.TrackNotificationAsync("someone-else", id, push, DeliveryStatus.Opened, T0, null, default));
        Assert.Equal(2, await Store.Deliveries.TrackNotificationAsync("u1", id, push, DeliveryStatus.Opened, T0, null, default));
        Assert.Equal(0, await Store.Deliveries.TrackNotificationAsync("u1", id, push, DeliveryStatus.Opened, T0, null, default));

        var statuses = (await Store.Notifications.GetAsync(id, default))!.Deliveries.ToDictionary(d => d.Channel, d => d.Status);
        Assert.Equal(DeliveryStatus.Opened, statuses[DeliveryChannel.Apns]);
        Assert.Equal(DeliveryStatus.Opened, statuses[DeliveryChannel.Fcm]);
        Assert.Equal(DeliveryStatus.Queued, statuses[DeliveryChannel.Email]);
    }

    private Task<IReadOnlyList<ClaimedDelivery>> Claim(DeliveryChannel channel, Priority lane, DateTimeOffset now) =>
        Store.Deliveries.ClaimAsync(channel, lane, 10, now, TimeSpan.FromMinutes(1), default);
}
