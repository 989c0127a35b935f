namespace Notifications.Api;

public sealed record CampaignCreated(Guid Id, string Status);
