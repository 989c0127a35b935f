namespace Notifications.Grains.Campaigns;

/// <summary>One stream event: up to a few hundred recipients of one campaign, numbered so the campaign can tell which are done.</summary>
public sealed record CampaignChunk(Guid CampaignId, long Sequence, IReadOnlyList<string> UserIds);
