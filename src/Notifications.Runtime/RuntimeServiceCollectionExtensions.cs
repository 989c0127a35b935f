using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Domain.Grains;
using Notifications.Runtime.Application;
using Notifications.Runtime.Delivery;
using Notifications.Runtime.Delivery.Tracking;
using Notifications.Runtime.Hosting;
using Notifications.Runtime.Partitions;
using Notifications.Runtime.Realtime;
using Notifications.Runtime.Storage;
using Notifications.Runtime.Templates;

namespace Microsoft.Extensions.DependencyInjection;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The silo's runtime: partition processors, timers, delivery workers, templates and the application
    /// services the gateways call. A storage provider (AddSqliteStorage, …) must be added too.
    /// </summary>
    public static IServiceCollection AddNotificationRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ISiloReadiness>(sp => sp.GetRequiredService<SiloReadiness>());
        services.AddSingleton<PartitionDirectory>();
        services.AddSingleton<IAppendObserver>(sp => sp.GetRequiredService<PartitionDirectory>());
        services.AddSingleton<CommandCompletions>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<RealtimeBus>();
        services.AddSingleton<TimerPump>();
        services.AddSingleton<DeliveryWakeUps>();
        services.AddSingleton<ICommitObserver, CommitNotifier>();
        services.AddSingleton<PartitionRuntime>();

        services.AddSingleton<TemplateRegistry>();
        services.AddSingleton<ITemplateService>(sp => sp.GetRequiredService<TemplateRegistry>());
        services.AddSingleton<IContentRenderer>(sp => sp.GetRequiredService<TemplateRegistry>());

        services.AddSingleton<INotificationService, NotificationService>();
        services.AddSingleton<IUserService, UserService>();
        services.AddSingleton<IInboxService, InboxService>();
        services.AddSingleton<IDeliveryService, DeliveryService>();

        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection(TrackingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackingOptions>, TrackingOptionsValidator>();
        services.AddSingleton<TrackingLinks>();
        services.AddSingleton<EmailTracking>();

        services.AddHostedService<PartitionHost>();
        services.AddHostedService<DeliveryWorkerHost>();
        services.AddHostedService<InboxRetentionService>();
        return services;
    }
}
