using Notifications.Domain.Campaigns;

namespace Notifications.Grains.Campaigns;

/// <summary>A campaign's durable state: written on every transition and every tick that published.</summary>
public sealed class CampaignGrainState
{
    /// <summary>Null until the campaign is created.</summary>
    public CampaignDefinition? Definition { get; set; }
    public string Status { get; set; } = CampaignStatus.Draft;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<CampaignWave> Waves { get; set; } = [];
    /// <summary>The segment cursor: the wave being paged and the last directory row consumed in it.</summary>
    public int Wave { get; set; }
    public string? Cursor { get; set; }
    /// <summary>Recipients selected and published, each once.</summary>
    public long Targeted { get; set; }
    /// <summary>Recipients whose grain never took the send, after every attempt.</summary>
    public long Unsent { get; set; }
    public long NextChunk { get; set; }
    public List<InFlightChunk> InFlight { get; set; } = [];
}
