using Notifications.Tracking;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications;
using Notifications.Channels.Email;
using Notifications.Channels.Sms;
using Notifications.Channels.WhatsApp;
using Notifications.Application;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Endpoints;
using Notifications.Gateway.Errors;
using Notifications.Gateway.Health;
using Notifications.Gateway.Inbox;
using Notifications.Gateway.OpenApi;
using Notifications.Gateway.Quotas;
using Notifications.Gateway.Realtime;

namespace Microsoft.Extensions.DependencyInjection;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The REST gateway, its authentication (API keys and user tokens), problem+json errors, OpenAPI,
    /// health probes and the live hub. Needs the runtime's application services and storage ports.
    /// </summary>
    public static IServiceCollection AddNotificationGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenSigningKeyProvider>();
        services.TryAddSingleton<UserTokenService>();
        services.TryAddSingleton<ICallerAuthenticator, CallerAuthenticator>();
        services.TryAddSingleton<IProducerQuota, ProducerQuotas>();
        services.AddDataProtection().SetApplicationName("NotificationSilo");
        // The key ring lives in the shared record store when the silo provides it, so every silo reads every cookie.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            if (sp.GetService<IDataProtectionKeys>() is { } keys)
            {
                options.XmlRepository = new SharedKeyRingRepository(keys);
            }
        }));
        services.TryAddSingleton<ConsoleSession>();

        services.AddAuthentication(CallerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, displayName: null, configureOptions: null);
        services.AddAuthorization(GatewayPolicies.Add);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        // After ASP.NET Core's writer, which declines when Accept rules out JSON: this one never declines.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<ValidationFailedExceptionHandler>();
        services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        services.AddExceptionHandler<TransientFailureExceptionHandler>();
        // Binding failures become exceptions so they get a body naming the problem instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => NotificationJson.Configure(options.SerializerOptions));

        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);

        services.AddSignalR().AddJsonProtocol(options => NotificationJson.Configure(options.PayloadSerializerOptions));
        services.TryAddSingleton<UserEventRelay>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboxActionListener, InboxActionWebhook>());

        // Links providers and mail clients come back to default to the routes this gateway serves under the public base URL.
        services.AddOptions<SmsOptions>().PostConfigure<IOptions<TrackingOptions>>((sms, tracking) =>
            sms.StatusCallbackUrl ??= tracking.Value.PublicUrl(TrackingRoutes.TwilioStatus));
        services.AddOptions<WhatsAppOptions>().PostConfigure<IOptions<TrackingOptions>>((whatsApp, tracking) =>
        {
            whatsApp.StatusCallbackUrl ??= tracking.Value.PublicUrl(TrackingRoutes.TwilioStatus);
            whatsApp.InboundUrl ??= tracking.Value.PublicUrl(TrackingRoutes.TwilioWhatsAppInbound);
        });
        services.AddOptions<EmailOptions>().PostConfigure<IOptions<TrackingOptions>>((email, tracking) =>
            email.UnsubscribeUrl ??= tracking.Value.PublicUrl(TrackingRoutes.Unsubscribe));
        return services;
    }
}
