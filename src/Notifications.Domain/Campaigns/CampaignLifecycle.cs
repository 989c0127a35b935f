namespace Notifications.Domain.Campaigns;

/// <summary>
/// The campaign state machine: draft → scheduled → running ⇄ paused → completed / cancelled. A draft may also start
/// at once; anything not final may be cancelled; completed and cancelled are for good.
/// </summary>
public static class CampaignLifecycle
{
    /// <summary>The status after <paramref name="action"/>, or null when it is not allowed from <paramref name="status"/>.</summary>
    public static string? Next(string status, CampaignAction action) => (status, action) switch
    {
        (CampaignStatus.Draft, CampaignAction.Schedule) => CampaignStatus.Scheduled,
        (CampaignStatus.Draft or CampaignStatus.Scheduled, CampaignAction.Start) => CampaignStatus.Running,
        // The schedule's instant came.
        (CampaignStatus.Scheduled, CampaignAction.Release) => CampaignStatus.Running,
        (CampaignStatus.Running, CampaignAction.Pause) => CampaignStatus.Paused,
        (CampaignStatus.Paused, CampaignAction.Resume) => CampaignStatus.Running,
        (CampaignStatus.Running, CampaignAction.Complete) => CampaignStatus.Completed,
        (CampaignStatus.Draft or CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.Paused, CampaignAction.Cancel) => CampaignStatus.Cancelled,
        _ => null,
    };
}
