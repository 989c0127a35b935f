using Notifications.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Application;
using Notifications.Domain.Users;
using Notifications.Grains;
using Notifications.Grains.Campaigns;
using Notifications.Grains.Delivery;
using Notifications.Grains.Delivery.Tracking;
using Notifications.Grains.Hosting;
using Notifications.Grains.Operations;
using Notifications.Grains.Realtime;
using Notifications.Grains.Telemetry;
using Notifications.Grains.Templates;
using Notifications.Telemetry;
using Notifications.Grains.WhatsApp;
using Orleans.Configuration;
using Orleans.Serialization;
using SiloOptions = Notifications.Grains.Hosting.SiloOptions;

namespace Orleans.Hosting;

public static class NotificationGrainsSiloBuilderExtensions
{
    /// <summary>
    /// The product's grains and the application services the gateways call, on an Orleans silo: user grains,
    /// campaigns (their chunks travel on the stream provider named <see cref="CampaignStreams.ProviderName"/>, which the
    /// host registers), channel workers and the outbox pump, templates, realtime, tracking. Grain storage named
    /// <see cref="GrainStorageNames.Users"/>, a reminder service and the record stores come from a storage provider
    /// (AddSqliteStorage, …).
    /// </summary>
    public static ISiloBuilder AddNotificationGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateOnStart()
            .PostConfigure(options => options.Grain.IdempotencyWindow = options.IdempotencyWindow);
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.AddSingleton<IValidateOptions<SiloOptions>, CampaignOptionsValidator>();
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SiloOptions>>((collection, silo) => collection.CollectionAge = silo.Value.IdleDeactivation);
        services.AddOptions<SiloMessagingOptions>().Configure<IOptions<SiloOptions>>((messaging, silo) => messaging.ResponseTimeout = silo.Value.UserCommandTimeout);
        services.AddSerializer(serializer => serializer.AddNotificationContracts());
        silo.AddIncomingGrainCallFilter<StoreUnavailableFilter>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ISiloReadiness>(sp => sp.GetRequiredService<SiloReadiness>());
        services.AddSingleton<IClusterHealth, ClusterHealth>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        services.AddSingleton<RetiredSettings>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RetiredSettings>());

        services.AddSingleton<TemplateRegistry>();
        services.AddSingleton<ITemplateService>(sp => sp.GetRequiredService<TemplateRegistry>());
        services.AddSingleton<IContentRenderer>(sp => sp.GetRequiredService<TemplateRegistry>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TemplateLoader>();

        services.AddSingleton<UserGrains>();
        services.AddSingleton<RealtimeBus>();
        services.AddSingleton<RealtimeFeed>();
        services.AddSingleton<DeliveryWakeUps>();

        services.AddSingleton<INotificationService, NotificationService>();
        services.AddSingleton<IUserService, UserService>();
        services.AddSingleton<IInboxService, InboxService>();
        services.AddSingleton<IDeliveryService, DeliveryService>();
        services.AddSingleton<IWhatsAppInbound, WhatsAppInbound>();
        services.AddSingleton<WhatsAppNumbers>();
        services.AddPersonalDataProtection(configuration);
        services.AddSingleton<IApiKeyService, ApiKeyService>();
        services.AddSingleton<IDailyQuotaLedger, DailyQuotaLedger>();
        services.AddSingleton<ISiloSettings, SiloSettings>();
        services.AddSingleton<IDataProtectionKeys, DataProtectionKeys>();
        services.AddSingleton<IOperationsService, OperationsService>();
        services.AddSingleton<SiloActivity>();
        services.AddSingleton<SegmentReader>();
        services.AddSingleton<CampaignSendGate>();
        services.AddSingleton<ISegmentService, SegmentService>();
        services.AddSingleton<CampaignFunnels>();
        services.AddSingleton<ICampaignService, CampaignService>();
        services.AddSingleton<CampaignWakeUp>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CampaignWakeUp>());

        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection(TrackingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        services.AddSingleton<TrackingLinks>();
        services.AddSingleton<EmailTracking>();

        services.TryAddSingleton<NotificationMetrics>();
        services.AddHostedService<OutboxDepthSampler>();
        services.AddHostedService<DeliveryPump>();
        services.AddHostedService<InboxRetentionService>();
        services.AddHostedService<OperationsReporter>();
        services.AddHostedService<TemplateCacheRefresher>();
        return silo;
    }
}
