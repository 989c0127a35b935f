namespace Notifications.Grains.Storage;

public sealed record CampaignRow(Guid Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
