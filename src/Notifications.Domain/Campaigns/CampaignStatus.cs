namespace Notifications.Domain.Campaigns;

/// <summary>A campaign's lifecycle states, as the API spells them.</summary>
public static class CampaignStatus
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Completed or Cancelled;
}
