using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests.Records;

/// <summary>Campaign rows and the funnel counted from the notification records a campaign's sends created.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task The_campaign_funnel_counts_only_that_campaigns_records_by_outcome()
    {
        var campaign = Guid.NewGuid();
        var other = Guid.NewGuid();
        NotificationRecord Of(Guid id, string user, string status, Guid? from) =>
            Record(id, user, T0) with { Status = status, CampaignId = from };

        var inApp = Guid.NewGuid();
        await ApplyAsync(Turn([Of(inApp, "f1", NotificationStatus.Dispatched, campaign)], [Entry(inApp, "f1", T0)]));
        var pushed = Guid.NewGuid();
        await ApplyAsync(Turn([Of(pushed, "f2", NotificationStatus.Dispatched, campaign)], deliveries: [Job(pushed, "f2", DeliveryChannel.Email, "f2@example.com")]));
        await ApplyAsync(Turn([Of(Guid.NewGuid(), "f3", NotificationStatus.Suppressed, campaign)]));
        await ApplyAsync(Turn([Of(Guid.NewGuid(), "f4", NotificationStatus.Digested, campaign)]));
        await ApplyAsync(Turn([Of(Guid.NewGuid(), "f5", NotificationStatus.Deferred, campaign)]));
        await ApplyAsync(Turn([Of(Guid.NewGuid(), "f6", NotificationStatus.Dispatched, other)]));
        await ApplyAsync(Turn([Of(Guid.NewGuid(), "f7", NotificationStatus.Dispatched, null)]));
        Assert.True(await Store.Inbox.SetReadAsync("f1", inApp, true, T0, default));

        // The email job is still queued: not delivered, not failed.
        Assert.Equal(new CampaignFunnel(Processed: 5, Suppressed: 1, Deferred: 1, Digested: 1, Delivered: 1, Opened: 1, Clicked: 0, Failed: 0),
            await Store.Campaigns.FunnelAsync(campaign, default));
        Assert.Equal(new CampaignFunnel(1, 0, 0, 0, 0, 0, 0, 0), await Store.Campaigns.FunnelAsync(other, default));
        Assert.Equal(CampaignFunnel.Empty, await Store.Campaigns.FunnelAsync(Guid.NewGuid(), default));
    }

    [Fact]
    public async Task The_funnel_counts_a_failed_send_once_and_a_provider_accepted_one_as_delivered()
    {
        var campaign = Guid.NewGuid();
        var failed = Guid.NewGuid();
        var sent = Guid.NewGuid();
        await ApplyAsync(Turn([Record(failed, "g1", T0) with { CampaignId = campaign }, Record(sent, "g2", T0) with { CampaignId = campaign }],
            deliveries: [Job(failed, "g1", DeliveryChannel.Sms, "+14155550100"), Job(sent, "g2", DeliveryChannel.Sms, "+14155550101")]));
        var claimed = await Store.Deliveries.ClaimAsync(DeliveryChannel.Sms, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default);
        Assert.Equal(2, claimed.Count);
        await Store.Deliveries.CompleteAsync([.. claimed.Select(job => job.Request.NotificationId == failed
            ? new DeliveryResult(job.Request.JobId, DeliveryStatus.Failed, 1, "21211", null, T0)
            : new DeliveryResult(job.Request.JobId, DeliveryStatus.Sent, 1, null, "SM1", T0))], default);

        var funnel = await Store.Campaigns.FunnelAsync(campaign, default);
        Assert.Equal((2L, 1L, 1L), (funnel.Processed, funnel.Delivered, funnel.Failed));
    }

    [Fact]
    public async Task The_funnel_keeps_every_outcome_a_notification_reached_through_each_path_that_reaches_one()
    {
        var campaign = Guid.NewGuid();
        NotificationRecord Of(Guid id, string user, string status = NotificationStatus.Dispatched) => Record(id, user, T0) with { Status = status, CampaignId = campaign };
        async Task<DeliveryRequest> SendAsync(Guid id, string user, DeliveryChannel channel, string target)
        {
            await ApplyAsync(Turn([Of(id, user)], deliveries: [Job(id, user, channel, target)]));
            return Assert.Single(await Store.Deliveries.ClaimAsync(channel, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default)).Request;
        }

        // Read, then marked unread: it was opened.
        var reread = Guid.NewGuid();
        await ApplyAsync(Turn([Of(reread, "h1")], [Entry(reread, "h1", T0)]));
        Assert.True(await Store.Inbox.SetReadAsync("h1", reread, true, T0, default));
        Assert.True(await Store.Inbox.SetReadAsync("h1", reread, false, T0, default));
        // An inbox action is a click (and so an open).
        var acted = Guid.NewGuid();
        await ApplyAsync(Turn([Of(acted, "h2")], [Entry(acted, "h2", T0)]));
        Assert.True(await Store.Inbox.RecordActionAsync("h2", acted, "view", T0, default));
        // Held by quiet hours, then released into the inbox by a later turn that records nothing.
        var held = Guid.NewGuid();
        await ApplyAsync(Turn([Of(held, "h3", NotificationStatus.Deferred)]));
        await ApplyAsync(Turn(inbox: [Entry(held, "h3", T0.AddHours(8))]));
        // A provider's tracking: accepted, then opened and clicked.
        var tracked = Guid.NewGuid();
        var email = await SendAsync(tracked, "h4", DeliveryChannel.Email, "h4@example.com");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(email.JobId, DeliveryStatus.Sent, 1, null, "E1", T0)], default);
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(email.JobId, DeliveryStatus.Opened, T0.AddSeconds(1), null, default));
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(email.JobId, DeliveryStatus.Clicked, T0.AddSeconds(2), null, default));
        // Accepted, then bounced: the provider had accepted it; the job's own status says it bounced.
        var bounced = Guid.NewGuid();
        var sms = await SendAsync(bounced, "h5", DeliveryChannel.Sms, "+14155550100");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(sms.JobId, DeliveryStatus.Sent, 1, null, "SM1", T0)], default);
        Assert.Equal(DeliveryTrackResult.Applied, await Store.Deliveries.TrackAsync(sms.JobId, DeliveryStatus.Bounced, T0.AddSeconds(1), null, default));
        // Dead-lettered, replayed by an operator, then sent: delivered, not failed.
        var replayed = Guid.NewGuid();
        var push = await SendAsync(replayed, "h6", DeliveryChannel.Fcm, "token-h6");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(push.JobId, DeliveryStatus.DeadLettered, 8, "unavailable", null, T0)], default);
        Assert.Equal(1, (await Store.Campaigns.FunnelAsync(campaign, default)).Failed);
        Assert.NotNull(await Store.Deliveries.ReplayAsync(push.JobId, T0.AddHours(1), "replayed", default));
        var again = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Fcm, Priority.Normal, 10, T0.AddHours(1), TimeSpan.FromMinutes(1), default)).Request;
        await Store.Deliveries.CompleteAsync([new DeliveryResult(again.JobId, DeliveryStatus.Sent, 2, null, null, T0.AddHours(1))], default);
        // Failed for good on its only channel.
        var lost = Guid.NewGuid();
        var text = await SendAsync(lost, "h7", DeliveryChannel.Sms, "+14155550101");
        await Store.Deliveries.CompleteAsync([new DeliveryResult(text.JobId, DeliveryStatus.Failed, 1, "21211", null, T0)], default);
        // Replaying a turn that already wrote its records changes no outcome.
        await ApplyAsync(Turn([Of(acted, "h2")], [Entry(acted, "h2", T0)]));
        await ReopenAsync();

        Assert.Equal(new CampaignFunnel(Processed: 7, Suppressed: 0, Deferred: 1, Digested: 0, Delivered: 6, Opened: 3, Clicked: 2, Failed: 1),
            await Store.Campaigns.FunnelAsync(campaign, default));
    }

    /// <summary>With the stores closed, puts the database back to the schema a silo of the version before campaign outcome flags left it in.</summary>
    protected abstract Task ReturnToSchemaBeforeCampaignOutcomesAsync();

    [Fact]
    public async Task Upgrading_a_database_from_before_outcome_flags_counts_its_existing_campaigns_as_before()
    {
        var campaign = Guid.NewGuid();
        var read = Guid.NewGuid();
        var clicked = Guid.NewGuid();
        var sent = Guid.NewGuid();
        var failed = Guid.NewGuid();
        await ApplyAsync(Turn([Record(read, "k1", T0) with { CampaignId = campaign }, Record(clicked, "k2", T0) with { CampaignId = campaign }],
            [Entry(read, "k1", T0), Entry(clicked, "k2", T0)]));
        await ApplyAsync(Turn([Record(sent, "k3", T0) with { CampaignId = campaign }, Record(failed, "k4", T0) with { CampaignId = campaign },
            Record(Guid.NewGuid(), "k5", T0) with { CampaignId = campaign, Status = NotificationStatus.Suppressed }],
            deliveries: [Job(sent, "k3", DeliveryChannel.Sms, "+14155550100"), Job(failed, "k4", DeliveryChannel.Sms, "+14155550101")]));
        Assert.True(await Store.Inbox.SetReadAsync("k1", read, true, T0, default));
        Assert.True(await Store.Inbox.RecordActionAsync("k2", clicked, "view", T0, default));
        var jobs = await Store.Deliveries.ClaimAsync(DeliveryChannel.Sms, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default);
        await Store.Deliveries.CompleteAsync([.. jobs.Select(job => job.Request.NotificationId == failed
            ? new DeliveryResult(job.Request.JobId, DeliveryStatus.Failed, 1, "21211", null, T0)
            : new DeliveryResult(job.Request.JobId, DeliveryStatus.Sent, 1, null, "SM1", T0))], default);
        var expected = new CampaignFunnel(Processed: 5, Suppressed: 1, Deferred: 0, Digested: 0, Delivered: 3, Opened: 2, Clicked: 1, Failed: 1);
        Assert.Equal(expected, await Store.Campaigns.FunnelAsync(campaign, default));

        await CloseAsync();
        await ReturnToSchemaBeforeCampaignOutcomesAsync();
        await ReopenAsync();

        Assert.Equal(expected, await Store.Campaigns.FunnelAsync(campaign, default));
        // And the upgraded schema keeps them from here on.
        Assert.True(await Store.Inbox.SetReadAsync("k1", read, false, T0, default));
        Assert.Equal(expected, await Store.Campaigns.FunnelAsync(campaign, default));
    }

    [Fact]
    public async Task Campaign_rows_are_upserted_and_listed_newest_first()
    {
        var first = new CampaignRow(Guid.CreateVersion7(T0), "spring", "draft", T0, T0);
        var second = new CampaignRow(Guid.CreateVersion7(T0.AddMinutes(1)), "summer", "running", T0.AddMinutes(1), T0.AddMinutes(1));
        await Store.Campaigns.UpsertAsync(first, default);
        await Store.Campaigns.UpsertAsync(second, default);
        await Store.Campaigns.UpsertAsync(first with { Status = "cancelled", UpdatedAt = T0.AddMinutes(2) }, default);
        await ReopenAsync();

        var rows = await Store.Campaigns.ListAsync(10, default);
        Assert.Equal([second.Id, first.Id], rows.Select(r => r.Id));
        Assert.Equal("cancelled", rows[1].Status);
        Assert.Single(await Store.Campaigns.ListAsync(1, default));
    }

    [Fact]
    public async Task The_unfinished_campaigns_are_those_running_or_scheduled()
    {
        var rows = new[] { "draft", "scheduled", "running", "paused", "completed", "cancelled" }
            .Select((status, i) => new CampaignRow(Guid.CreateVersion7(T0.AddMinutes(i)), status, status, T0, T0)).ToList();
        foreach (var row in rows)
        {
            await Store.Campaigns.UpsertAsync(row, default);
        }
        // A campaign that finished leaves the set; one that started joins it.
        await Store.Campaigns.UpsertAsync(rows[2] with { Status = "completed" }, default);
        await Store.Campaigns.UpsertAsync(rows[0] with { Status = "running" }, default);
        await ReopenAsync();

        Assert.Equal(new[] { rows[0].Id, rows[1].Id }.Order(), (await Store.Campaigns.UnfinishedAsync(default)).Order());
    }
}
