namespace Notifications.Api;

/// <summary>
/// When a campaign sends: at an instant (<see cref="At"/>), or at a local time "HH:mm" in each recipient's zone
/// within the next 24 hours (<see cref="LocalTime"/>; users without a zone count as UTC). One of the two.
/// </summary>
public sealed record CampaignSchedule
{
    public DateTimeOffset? At { get; init; }
    public string? LocalTime { get; init; }
}
