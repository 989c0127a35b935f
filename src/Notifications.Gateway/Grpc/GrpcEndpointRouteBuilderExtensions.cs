using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Grpc.Services;
using Notifications.Gateway.Grpc.Transport;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Publishes notifications.v1.NotificationGateway and grpc.health.v1.Health on the gRPC listener added by
    /// AddNotificationGrpc. They are served on that listener only, never on the REST addresses.
    /// </summary>
    public static IEndpointRouteBuilder MapNotificationGrpc(this IEndpointRouteBuilder endpoints)
    {
        var table = endpoints.ServiceProvider.GetService<GrpcMethodTable>()
            ?? throw new InvalidOperationException("Call services.AddNotificationGrpc(configuration) before app.MapNotificationGrpc().");
        foreach (var service in endpoints.ServiceProvider.GetServices<IGrpcService>())
        {
            service.Register(table);
        }

        return endpoints;
    }
}
