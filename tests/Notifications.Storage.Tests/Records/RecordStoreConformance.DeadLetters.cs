using Notifications.Delivery;

namespace Notifications.Storage.Tests.Records;

/// <summary>Dead letters: deliveries that ran out of attempts, listed for an operator and replayed.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Dead_letters_page_newest_first_and_replay_requeues_with_attempts_reset()
    {
        var jobs = new List<DeliveryRequest>();
        for (var i = 0; i < 3; i++)
        {
            var (_, job) = await ApplyAndClaimAsync(DeliveryChannel.Email, $"user{i}@example.com");
            jobs.Add(job);
            await Store.Deliveries.CompleteAsync([new DeliveryResult(job.JobId, DeliveryStatus.DeadLettered, 8, "SMTP 421", null, T0.AddMinutes(i))], default);
        }
        var (_, alive) = await ApplyAndClaimAsync(DeliveryChannel.Email, "ok@example.com");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(alive.JobId, DeliveryStatus.Sent, 1, null, null, T0)], default);

        var first = await Store.Deliveries.ListDeadLettersAsync(null, 2, null, default);
        Assert.Equal([jobs[2].JobId, jobs[1].JobId], first.Select(d => d.Id));
        Assert.Equal("u***@example.com", first[0].Target);
        Assert.Equal(8, first[0].Attempts);
        Assert.Equal("SMTP 421", first[0].Reason);
        Assert.Equal(T0.AddMinutes(2), first[0].DeadLetteredAt);
        Assert.Equal([jobs[0].JobId], (await Store.Deliveries.ListDeadLettersAsync(first[^1].Id, 2, null, default)).Select(d => d.Id));

        var replayed = await Store.Deliveries.ReplayAsync(jobs[1].JobId, T0.AddHours(1), "replayed", default);
        Assert.NotNull(replayed);
        Assert.Equal(DeliveryChannel.Email, replayed.Channel);
        Assert.Equal(jobs[1].NotificationId, replayed.NotificationId);
        Assert.Equal(Priority.Normal, replayed.Lane);
        // Only a dead letter replays, and only once.
        Assert.Null(await Store.Deliveries.ReplayAsync(jobs[1].JobId, T0.AddHours(1), "again", default));
        Assert.Null(await Store.Deliveries.ReplayAsync(alive.JobId, T0.AddHours(1), "not dead", default));
        Assert.Equal([jobs[2].JobId, jobs[0].JobId], (await Store.Deliveries.ListDeadLettersAsync(null, 10, null, default)).Select(d => d.Id));

        var claimed = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 10, T0.AddHours(1), TimeSpan.FromMinutes(1), default));
        Assert.Equal(jobs[1].JobId, claimed.Request.JobId);
        Assert.Equal(1, claimed.Request.Attempt);
        Assert.Equal("Hi", claimed.Request.Content.Title);
        var history = (await Store.Notifications.GetAsync(jobs[1].NotificationId, default))!.Deliveries.Single().History!;
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.DeadLettered, DeliveryStatus.Queued], history.Select(h => h.Status));
        Assert.Equal("replayed", history[^1].Detail);
    }
}
