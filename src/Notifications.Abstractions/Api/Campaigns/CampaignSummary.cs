namespace Notifications.Api;

public sealed record CampaignSummary(Guid Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
