using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Telemetry;

namespace Microsoft.AspNetCore.Builder;

public static class TelemetryApplicationExtensions
{
    /// <summary>The Prometheus scraping endpoint, as Telemetry:Prometheus* configure it (open by default).</summary>
    public static WebApplication MapNotificationTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.PrometheusEnabled)
        {
            return app;
        }
        var endpoint = app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        if (options.PrometheusAccess == MetricsAccess.Admin)
        {
            endpoint.RequireAuthorization(GatewayPolicies.Admin);
        }
        else
        {
            endpoint.AllowAnonymous();
        }
        return app;
    }
}
