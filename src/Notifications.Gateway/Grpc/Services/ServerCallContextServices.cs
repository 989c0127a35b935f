using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>The application services are scoped to the call's request, as they are for REST endpoints.</summary>
internal static class ServerCallContextServices
{
    public static T Service<T>(this ServerCallContext context)
        where T : notnull => context.GetHttpContext().RequestServices.GetRequiredService<T>();
}
