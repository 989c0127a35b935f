namespace Notifications.Grains.Hosting;

/// <summary>Configuration section "Silo:Campaigns": how campaigns fan out.</summary>
public sealed class CampaignOptions
{
    /// <summary>Recipients per second of a campaign that names no rate.</summary>
    public int DefaultRatePerSecond { get; set; } = 1_000;
    /// <summary>The highest rate a campaign may ask for.</summary>
    public int MaxRatePerSecond { get; set; } = 100_000;
    /// <summary>Recipients per stream event.</summary>
    public int ChunkSize { get; set; } = 500;
    /// <summary>Chunks a campaign has published and not yet heard back about; it publishes no more until some are done.</summary>
    public int MaxChunksInFlight { get; set; } = 64;
    /// <summary>User-grain sends one chunk consumer has in flight at once.</summary>
    public int SendConcurrency { get; set; } = 64;
    /// <summary>User-grain sends all campaigns together have in flight on one silo (see <c>Silo:MaxInFlightPerLane</c> for the gateway's).</summary>
    public int MaxSendsInFlight { get; set; } = 256;
    /// <summary>
    /// How long a chunk consumer keeps at one chunk before it stops and hands the rest back to the campaign, which
    /// publishes it again. A stream delivers a chunk as one grain call: one that ran into Orleans' response timeout (30 s)
    /// would be delivered again while still running, and a slow silo would spend itself on duplicates.
    /// </summary>
    public TimeSpan ChunkBudget { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A chunk not reported done this long after it was published is published again (its sends are idempotent).</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How often a running campaign publishes its rate's worth of recipients.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Times a recipient whose grain could not take the send is tried again before it is counted as failed.</summary>
    public int MaxAttempts { get; set; } = 3;
}
