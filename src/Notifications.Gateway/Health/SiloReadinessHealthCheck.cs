using Notifications.Application;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Notifications.Gateway.Health;

/// <summary>Ready = the Orleans silo is active: storage migrated, templates loaded, grains callable; until then load balancers keep traffic away.</summary>
internal sealed class SiloReadinessHealthCheck(ISiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("The Orleans silo is active.")
            : HealthCheckResult.Unhealthy("The silo is still starting: storage, templates or the Orleans silo are not ready."));
}
