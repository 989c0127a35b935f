using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Notifications.Gateway.Quotas;
using Notifications.Gateway.Grpc;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Hosting;
using Notifications.Gateway.Grpc.Services;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC (grpc-dotnet) on a dedicated HTTP/2 Kestrel listener, Grpc:Urls (the REST addresses stay as
    /// configured), with grpc.health.v1 over the silo's health checks and server reflection. Publish the services with
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, GrpcListenerMatcherPolicy>());
        services.AddHostedService<GrpcListenerLogger>();

        services.AddGrpc(options => options.Interceptors.Add<GrpcErrorInterceptor>());
        services.AddSingleton<IConfigureOptions<GrpcServiceOptions>, GrpcServiceOptionsSetup>();
        services.AddGrpcReflection();
        // Every registered check decides (the silo's readiness among them), for the whole server and each service alike.
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Clear();
            foreach (var service in GrpcServiceNames.Served)
            {
                options.Services.Map(service, _ => true);
            }
        });
        services.AddSingleton<IConfigureOptions<HealthCheckPublisherOptions>, GrpcHealthPublisherSetup>();
        // The same per-key quotas as REST (needs an IDailyQuotaLedger, which the grains provide).
        services.TryAddSingleton<IProducerQuota, ProducerQuotas>();
        return services;
    }
}
