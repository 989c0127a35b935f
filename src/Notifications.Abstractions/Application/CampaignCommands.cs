namespace Notifications.Application;

/// <summary>What an operator may ask of a campaign, as the API spells it (<c>POST /api/v1/campaigns/{id}/{command}</c>).</summary>
public static class CampaignCommands
{
    public const string Start = "start";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Cancel = "cancel";

    public static readonly IReadOnlyList<string> All = [Start, Pause, Resume, Cancel];
}
