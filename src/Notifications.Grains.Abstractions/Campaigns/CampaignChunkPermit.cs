namespace Notifications.Grains.Campaigns;

/// <summary>
/// What a consumer may do with a chunk it received: send it (with the campaign's definition), hold it (the campaign is
/// paused: it sends the chunk again on resume) or drop it (cancelled, or already done).
/// </summary>
public sealed record CampaignChunkPermit(string Decision, CampaignDefinition? Definition)
{
    public const string Send = "send";
    public const string Hold = "hold";
    public const string Drop = "drop";
}
