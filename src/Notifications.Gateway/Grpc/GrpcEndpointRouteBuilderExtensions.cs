using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Grpc;
using Notifications.Gateway.Grpc.Hosting;
using Notifications.Gateway.Grpc.Services;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Publishes notifications.v1.NotificationGateway, notifications.v1.NotificationAdmin,
    /// notifications.v1.NotificationCampaigns, grpc.health.v1.Health and
    /// server reflection on the gRPC listener added by AddNotificationGrpc; never on the REST addresses.
    /// </summary>
    public static IEndpointRouteBuilder MapNotificationGrpc(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<GrpcListenerRegistry>() is null)
        {
            throw new InvalidOperationException("Call services.AddNotificationGrpc(configuration) before app.MapNotificationGrpc().");
        }

        endpoints.MapGrpcService<NotificationGatewayService>().WithMetadata(GrpcEndpointMarker.Instance);
        endpoints.MapGrpcService<NotificationAdminService>().WithMetadata(GrpcEndpointMarker.Instance);
        endpoints.MapGrpcService<NotificationCampaignsService>().WithMetadata(GrpcEndpointMarker.Instance);
        endpoints.MapGrpcHealthChecksService().WithMetadata(GrpcEndpointMarker.Instance);
        endpoints.MapGrpcReflectionService().WithMetadata(GrpcEndpointMarker.Instance);
        return endpoints;
    }
}
