namespace Notifications.Grains.Storage;

/// <summary>
/// The campaigns' list (each campaign grain writes its row when its status changes) and their funnels, counted from
/// the notification records the campaign's sends created (<see cref="Domain.Effects.NotificationRecord.CampaignId"/>).
/// A store keeps each such record's outcome flags current in the same transaction as the inbox or delivery change
/// that reached the outcome, so a funnel reads the records alone, never their inbox rows and jobs.
/// </summary>
public interface ICampaignStore
{
    Task UpsertAsync(CampaignRow campaign, CancellationToken cancellationToken);

    /// <summary>Newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CampaignRow>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The campaigns whose row says running or scheduled: what a starting silo wakes.</summary>
    Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Exact counts over the campaign's notification records, by status and by the <see cref="CampaignOutcome"/> each has reached.</summary>
    Task<CampaignFunnel> FunnelAsync(Guid campaignId, CancellationToken cancellationToken);
}
