using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Grpc.Transport;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>
/// Puts the gRPC dispatcher first in the pipeline, for gRPC-listener connections only: REST middleware
/// (problem+json errors, auth challenges, routing) never sees a gRPC call and a REST port never serves one.
/// </summary>
internal sealed class GrpcStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var dispatcher = app.ApplicationServices.GetRequiredService<GrpcDispatcher>();
        app.Use((context, nextMiddleware) =>
            context.Features.Get<GrpcConnectionFeature>() is null ? nextMiddleware(context) : dispatcher.DispatchAsync(context));
        next(app);
    };
}
