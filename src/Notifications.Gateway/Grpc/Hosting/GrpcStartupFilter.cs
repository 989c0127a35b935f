using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Notifications.Gateway.Grpc.Errors;

namespace Notifications.Gateway.Grpc.Hosting;

/// <summary>First in the pipeline, for gRPC-listener connections only: lets a malformed request's status be corrected before it is sent.</summary>
internal sealed class GrpcStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Features.Get<GrpcConnectionFeature>() is not null)
            {
                MalformedRequestStatus.Watch(context);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
