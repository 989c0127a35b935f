using Notifications.Domain.Grains;

namespace Notifications.Runtime.Hosting;

/// <summary>Configuration section "Silo".</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>Number of partitions grains are spread over. Changing it re-homes every grain: fix it before first start.</summary>
    public int Partitions { get; set; } = 64;
    /// <summary>Identifies this silo in partition leases; defaults to machine name and process id.</summary>
    public string? SiloId { get; set; }
    /// <summary>Most stream entries a partition processes in one committed batch.</summary>
    public int BatchSize { get; set; } = 1000;
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(90);
    /// <summary>Grains unused this long are dropped from memory (their state is on disk).</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Categories that bypass opt-outs, quiet hours, digests and rate limits.</summary>
    public List<string> CriticalCategories { get; set; } = [];
    /// <summary>How long a REST/gRPC call that changes a user waits for the user's grain to apply it.</summary>
    public TimeSpan UserCommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Directory of *.json notification type definitions loaded at start when absent from the store.</summary>
    public string? TemplateSeedDirectory { get; set; }
    public UserGrainOptions Grain { get; set; } = new();
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Defaults that apply when configuration names no critical category at all.</summary>
    public static readonly IReadOnlyList<string> DefaultCriticalCategories = ["security", "payments"];

    public string EffectiveSiloId => string.IsNullOrWhiteSpace(SiloId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : SiloId;

    public IReadOnlyList<string> EffectiveCriticalCategories => CriticalCategories.Count > 0 ? CriticalCategories : DefaultCriticalCategories;
}
