using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Health Watch streams hear of a change when the health-check publisher next runs: every Grpc:HealthPollInterval.</summary>
internal sealed class GrpcHealthPublisherSetup(IOptions<NotificationGrpcOptions> options) : IConfigureOptions<HealthCheckPublisherOptions>
{
    public void Configure(HealthCheckPublisherOptions publisher)
    {
        publisher.Delay = TimeSpan.Zero;
        publisher.Period = options.Value.HealthPollInterval;
    }
}
