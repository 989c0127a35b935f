using Notifications.Application;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Notifications.Gateway.Health;

/// <summary>Ready = the runtime says storage is migrated and every partition is being processed; until then load balancers keep traffic away.</summary>
internal sealed class SiloReadinessHealthCheck(ISiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("The silo is processing its partitions.")
            : HealthCheckResult.Unhealthy("The silo is still starting: storage, templates or partition processors are not ready."));
}
