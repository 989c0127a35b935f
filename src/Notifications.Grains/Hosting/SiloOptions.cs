using Notifications.Domain.Users;

namespace Notifications.Grains.Hosting;

/// <summary>Configuration section "Silo".</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>Names this silo in the Orleans cluster (logs, dashboard); defaults to machine name and process id.</summary>
    public string? SiloId { get; set; }
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(90);
    /// <summary>Grains unused this long are deactivated (their state is in storage): Orleans' collection age.</summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Categories that bypass opt-outs, quiet hours, digests and rate limits.</summary>
    public List<string> CriticalCategories { get; set; } = [];
    /// <summary>How long a call to a grain may take before it fails (Orleans' response timeout).</summary>
    public TimeSpan UserCommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Normal- and bulk-lane sends in flight to grains at once, per lane; the rest wait their turn at the gateway.</summary>
    public int MaxInFlightPerLane { get; set; } = 256;
    /// <summary>Directory of *.json notification type definitions loaded at start when absent from the store.</summary>
    public string? TemplateSeedDirectory { get; set; }
    public UserRuleOptions Grain { get; set; } = new();
    public DeliveryOptions Delivery { get; set; } = new();
    public Operations.OperationsOptions Operations { get; set; } = new();
    public CampaignOptions Campaigns { get; set; } = new();

    /// <summary>Defaults that apply when configuration names no critical category at all.</summary>
    public static readonly IReadOnlyList<string> DefaultCriticalCategories = ["security", "payments"];

    public string EffectiveSiloId => string.IsNullOrWhiteSpace(SiloId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : SiloId;

    public IReadOnlyList<string> EffectiveCriticalCategories => CriticalCategories.Count > 0 ? CriticalCategories : DefaultCriticalCategories;
}
