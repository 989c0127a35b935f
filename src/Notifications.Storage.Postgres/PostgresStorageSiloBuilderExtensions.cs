using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Grains;
using Notifications.Grains.Storage;
using Notifications.Storage.Postgres;
using Notifications.Storage.Postgres.Effects;

namespace Orleans.Hosting;

public static class PostgresStorageSiloBuilderExtensions
{
    /// <summary>
    /// The cluster profile's storage: one PostgreSQL database shared by every silo, holding grain state (batched
    /// writes), reminders and every record store; migrated at start-up under an advisory lock.
    /// </summary>
    public static ISiloBuilder AddPostgresStorage(this ISiloBuilder silo, IConfiguration configuration, bool grainState = true, bool reminders = true)
    {
        silo.Services.AddPostgresRecordStores(configuration);
        if (grainState)
        {
            foreach (var name in GrainStorageNames.All)
            {
                silo.AddPostgresGrainStorage(name);
            }
        }
        if (reminders)
        {
            silo.UsePostgresReminderService();
        }
        return silo;
    }

    /// <summary>
    /// The database and the record stores in it (inbox, notifications, outbox, templates, keys, settings, user directory,
    /// segments, campaigns), migrated at silo start-up. Delivery targets are sealed with the Security:Pii keys.
    /// </summary>
    public static IServiceCollection AddPostgresRecordStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresStorageOptions>().Bind(configuration.GetSection(PostgresStorageOptions.Section)).ValidateOnStart();
        // No generated key file here: every silo of a cluster must seal with the same keys, so they are configured.
        services.AddPersonalDataProtection(configuration);
        services.AddSingleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostgresDatabase>();
        services.AddSingleton<PostgresMigrations>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<PostgresMigrations>());
        services.AddSingleton<EffectBatchWriter>();
        services.AddSingleton<IEffectStore, PostgresEffectStore>();
        services.AddSingleton<IInboxStore, PostgresInboxStore>();
        services.AddSingleton<INotificationStore, PostgresNotificationStore>();
        services.AddSingleton<IDeliveryStore, PostgresDeliveryStore>();
        services.AddSingleton<ITemplateStore, PostgresTemplateStore>();
        services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.AddSingleton<ISettingsStore, PostgresSettingsStore>();
        services.AddSingleton<IDataProtectionKeyStore, PostgresDataProtectionKeyStore>();
        services.AddSingleton<IUserDirectory, PostgresUserDirectory>();
        services.AddSingleton<ISegmentStore, PostgresSegmentStore>();
        services.AddSingleton<ICampaignStore, PostgresCampaignStore>();
        return services;
    }
}
