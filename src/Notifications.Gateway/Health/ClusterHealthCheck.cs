using Microsoft.Extensions.Diagnostics.HealthChecks;
using Notifications.Application;

namespace Notifications.Gateway.Health;

/// <summary>Unready while the membership does not list this silo as active or a store does not answer, with the reason.</summary>
internal sealed class ClusterHealthCheck(IClusterHealth cluster, ISiloReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("The silo is still starting.");
        }
        var report = await cluster.CheckAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>
        {
            ["thisSiloActive"] = report.ThisSiloActive,
            ["activeSilos"] = report.ActiveSilos,
            ["grainStorage"] = report.GrainStorageProblem ?? "ok",
            ["recordStore"] = report.RecordStoreProblem ?? "ok",
        };
        if (report.Healthy)
        {
            return HealthCheckResult.Healthy($"This silo is active among {report.ActiveSilos} active silo(s); grain storage and record store answer.", data);
        }
        var reasons = new List<string>();
        if (!report.ThisSiloActive)
        {
            reasons.Add("the cluster membership does not list this silo as active");
        }
        if (report.GrainStorageProblem is { } grain)
        {
            reasons.Add($"grain storage: {grain}");
        }
        if (report.RecordStoreProblem is { } records)
        {
            reasons.Add($"record store: {records}");
        }
        return HealthCheckResult.Unhealthy(string.Join("; ", reasons), data: data);
    }
}
