using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Notifications.Gateway.Grpc;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>Logs the gRPC addresses once Kestrel has bound them, so a port 0 listener can be found.</summary>
internal sealed class GrpcListenerLogger(
    IHostApplicationLifetime lifetime,
    GrpcListenerRegistry registry,
    ILogger<GrpcListenerLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in registry.BoundAddresses)
            {
                GrpcLog.Listening(logger, address);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
