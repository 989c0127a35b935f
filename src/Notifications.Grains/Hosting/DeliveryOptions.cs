namespace Notifications.Grains.Hosting;

/// <summary>Configuration section "Silo:Delivery": the delivery worker pools.</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// Concurrent sends per channel and lane: each lane has its own share, so bulk never starves critical. A send holds
    /// its slot until its result is recorded, which bounds what a silo that dies leaves to be sent twice.
    /// </summary>
    public int ConcurrencyPerLane { get; set; } = 8;
    public int ClaimBatchSize { get; set; } = 64;
    /// <summary>A claimed job whose worker died becomes due again after this lease.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often idle workers look for retries that came due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Target of the webhook channel for notifications whose type names no webhookUrl (and for inline ones).</summary>
    public string? DefaultWebhookUrl { get; set; }
    /// <summary>When every push target of a notification failed for good, email the user instead (where the category allows email).</summary>
    public bool PushFallbackToEmail { get; set; } = true;
}
