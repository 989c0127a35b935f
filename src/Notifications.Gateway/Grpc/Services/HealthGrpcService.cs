using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Notifications.Gateway.Grpc.Transport;
using Notifications.Grpc;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>
/// grpc.health.v1.Health without authentication, for load balancers and probes. The whole server and every
/// mapped service share one status: NOT_SERVING once the host is stopping or a registered health check is unhealthy.
/// </summary>
internal sealed class HealthGrpcService(
    GrpcMethodTable methods,
    IHostApplicationLifetime lifetime,
    IOptions<NotificationGrpcOptions> options,
    TimeProvider timeProvider,
    IServiceProvider services) : IGrpcService
{
    public void Register(GrpcMethodTable table)
    {
        var service = HealthReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Health");
        table.Add(new UnaryMethod<HealthCheckRequest, HealthCheckResponse>(GrpcMethodPaths.For(service, "Check"), HealthCheckRequest.Parser, CheckAsync));
        table.Add(new ServerStreamingMethod<HealthCheckRequest, HealthCheckResponse>(GrpcMethodPaths.For(service, "Watch"), HealthCheckRequest.Parser, WatchAsync));
    }

    private async Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, GrpcCall call)
    {
        if (!IsKnown(request.Service))
        {
            throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Unknown service '{request.Service}'.");
        }

        return new HealthCheckResponse { Status = await EvaluateAsync(call.CancellationToken) };
    }

    private async IAsyncEnumerable<HealthCheckResponse> WatchAsync(HealthCheckRequest request, GrpcCall call)
    {
        var cancellationToken = call.CancellationToken;
        if (!IsKnown(request.Service))
        {
            // The specification keeps the stream open: the service may appear later. Ours are fixed at start-up.
            yield return new HealthCheckResponse { Status = ServingStatus.ServiceUnknown };
            await WaitUntilCancelledAsync(cancellationToken);
            yield break;
        }

        ServingStatus? last = null;
        while (true)
        {
            var status = await EvaluateAsync(cancellationToken);
            if (status != last)
            {
                last = status;
                yield return new HealthCheckResponse { Status = status };
            }

            await WaitForChangeAsync(cancellationToken);
        }
    }

    private bool IsKnown(string service) => service.Length == 0 || methods.Services.Contains(service);

    private async Task<ServingStatus> EvaluateAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return ServingStatus.NotServing;
        }

        if (services.GetService(typeof(HealthCheckService)) is HealthCheckService checks)
        {
            var report = await checks.CheckHealthAsync(cancellationToken);
            return report.Status == HealthStatus.Unhealthy ? ServingStatus.NotServing : ServingStatus.Serving;
        }

        return ServingStatus.Serving;
    }

    /// <summary>Wakes at the poll interval, or at once when the host starts stopping.</summary>
    private async Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        var stopping = lifetime.ApplicationStopping;
        using var linked = stopping.IsCancellationRequested
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(options.Value.HealthPollInterval, timeProvider, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The host started stopping: evaluate again now so the client hears NOT_SERVING at once.
        }
    }

    private static Task WaitUntilCancelledAsync(CancellationToken cancellationToken) =>
        Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
}
