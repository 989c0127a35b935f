using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Gateway.Grpc;
using Notifications.Gateway.Grpc.Hosting;
using Notifications.Gateway.Grpc.Services;
using Notifications.Gateway.Grpc.Transport;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds the gRPC transport: a dedicated HTTP/2 Kestrel listener on Grpc:Urls (the REST addresses stay as
    /// configured) and a dispatcher in front of the pipeline for that listener. Publish the services with
    /// MapNotificationGrpc. Needs an ICallerAuthenticator and the application services in DI.
    /// </summary>
    public static IServiceCollection AddNotificationGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationGrpcOptions>()
            .Bind(configuration.GetSection(NotificationGrpcOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationGrpcOptions>, NotificationGrpcOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<GrpcListenerRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, GrpcKestrelSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, GrpcStartupFilter>());
        services.AddHostedService<GrpcListenerLogger>();

        services.TryAddSingleton<GrpcMethodTable>();
        services.TryAddSingleton<GrpcDispatcher>();
        services.TryAddSingleton<ProducerRateLimiter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrpcService, ProducerGrpcService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrpcService, InboxGrpcService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrpcService, UserGrpcService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrpcService, HealthGrpcService>());
        return services;
    }
}
