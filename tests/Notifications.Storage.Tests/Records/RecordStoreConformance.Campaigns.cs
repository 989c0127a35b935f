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
