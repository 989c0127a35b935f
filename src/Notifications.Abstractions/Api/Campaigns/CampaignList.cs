namespace Notifications.Api;

public sealed record CampaignList(IReadOnlyList<CampaignSummary> Campaigns);
