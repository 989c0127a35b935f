namespace Notifications.Api.Operations;

/// <summary>One silo of the cluster as membership sees it, with its load when it is up.</summary>
public sealed record SiloStatusView(
    string Address,
    string Name,
    string HostName,
    string Status,
    DateTimeOffset? StartedAt,
    int? Activations,
    float? CpuUsagePercent,
    long? MemoryUsageBytes,
    bool ReportsActivity);
