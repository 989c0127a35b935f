using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Storage;
using NotificationSilo;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// One silo of the test cluster, built as the product builds it (AddNotificationGrains + the configured storage on the
/// cluster's one SQLite file; Redis membership when the profile asks), on the test's clock, with the record store and
/// the grain storage behind the test's fault switch.
/// </summary>
public sealed class NotificationSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var parts = ClusterParts.Of(siloBuilder.Configuration);
        var services = siloBuilder.Services;

        // The domain's clock: grains, services, the delivery pump. Registered before AddNotificationGrains, which only adds one if none is.
        services.AddSingleton<TimeProvider>(parts.Clock);
        // Orleans' own loops (membership, messaging, directory, activation collection) keep real time, so moving the
        // test clock never times out a call or a probe. Reminders follow the test clock: the grain's backstop fires
        // when the test moves time past it, as it would in production once the wall clock got there.
        services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
        services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, parts.Clock);
        // Every reminder armed in memory when registered, however far its tick: no table refresh needed to fire it.
        siloBuilder.Configure<ReminderOptions>(options => options.ReminderLoadingWindow = TimeSpan.FromDays(3650));
        var cluster = ClusterSettings.Read(siloBuilder.Configuration);
        if (cluster.Redis is { } redis)
        {
            // The product's membership, failure-detector tuning included: the failover test holds it to its 5 s.
            siloBuilder.UseRedisMembership(redis, cluster.RemindersOnRedis);
        }
        else
        {
            // A killed silo is declared dead within seconds rather than the production default.
            siloBuilder.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(2);
                options.NumMissedProbesLimit = 2;
            });
        }

        siloBuilder.AddNotificationGrains(siloBuilder.Configuration);
        siloBuilder.AddConfiguredStorage(siloBuilder.Configuration);
        siloBuilder.AddCampaignStreams(siloBuilder.Configuration);
        DecorateEffectStore(services, parts.Faults);
        DecorateGrainStorage(services, parts.Faults);
    }

    private static void DecorateGrainStorage(IServiceCollection services, StoreFaults faults)
    {
        var real = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, GrainStorageNames.Users));
        var factory = real.KeyedImplementationFactory
            ?? throw new InvalidOperationException("The storage registers its grain storage by factory; the test decorates what it makes.");
        services.Remove(real);
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Users, (sp, key) => new FlakyGrainStorage((IGrainStorage)factory(sp, key), faults));
    }

    private static void DecorateEffectStore(IServiceCollection services, StoreFaults faults)
    {
        var real = services.Single(d => d.ServiceType == typeof(IEffectStore));
        var implementation = real.ImplementationType
            ?? throw new InvalidOperationException("The storage registers IEffectStore by type; the test decorates that type.");
        services.Remove(real);
        services.AddSingleton(implementation);
        services.AddSingleton<IEffectStore>(sp => new FlakyEffectStore((IEffectStore)sp.GetRequiredService(implementation), faults));
    }
}
