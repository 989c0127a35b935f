namespace Notifications.Domain.Campaigns;

/// <summary>What can happen to a campaign; <see cref="CampaignLifecycle"/> says from which status.</summary>
public enum CampaignAction
{
    Schedule,
    Start,
    Release,
    Pause,
    Resume,
    Cancel,
    Complete,
}
