namespace Notifications.Grains.Campaigns;

/// <summary>A campaign's idempotency key; the user's grain keeps it per user, so it is campaign × user.</summary>
internal static class CampaignIdempotency
{
    public static string Key(Guid campaignId) => $"campaign:{campaignId:N}";
}
