using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Grains;
using Notifications.Grains.Storage;
using Notifications.Storage.Sqlite;

namespace Orleans.Hosting;

public static class SqliteStorageSiloBuilderExtensions
{
    /// <summary>
    /// The embedded profile's storage: one SQLite file (WAL) holding grain state, reminders and every record store,
    /// behind one writer that group-commits; migrated at start-up. No server to install.
    /// </summary>
    public static ISiloBuilder AddSqliteStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSqliteRecordStores(configuration);
        silo.AddSqliteGrainStorage(GrainStorageNames.Users);
        silo.AddSqliteGrainStorage(GrainStorageNames.Quotas);
        silo.AddSqliteGrainStorage(GrainStorageNames.Campaigns);
        silo.UseSqliteReminderService();
        return silo;
    }

    /// <summary>The SQLite file and the record stores in it (inbox, notifications, outbox, templates, keys, settings, user directory, segments, campaigns), migrated at silo start-up.</summary>
    public static IServiceCollection AddSqliteRecordStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteStorageOptions>().Bind(configuration.GetSection(SqliteStorageOptions.Section)).ValidateOnStart();
        services.AddPersonalDataProtection(configuration);
        // Zero set-up: unless keys are configured, the key ring is generated beside the database file it protects.
        services.AddOptions<Notifications.Grains.Privacy.PiiOptions>().PostConfigure<IOptions<SqliteStorageOptions>>((pii, sqlite) =>
            pii.KeyFile ??= System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(sqlite.Value.Path))!, "pii-keys.json"));
        services.AddSingleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteMigrations>();
        services.AddSingleton<IEffectStore, SqliteEffectStore>();
        services.AddSingleton<IInboxStore, SqliteInboxStore>();
        services.AddSingleton<INotificationStore, SqliteNotificationStore>();
        services.AddSingleton<IDeliveryStore, SqliteDeliveryStore>();
        services.AddSingleton<ITemplateStore, SqliteTemplateStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<ISettingsStore, SqliteSettingsStore>();
        services.AddSingleton<IUserDirectory, SqliteUserDirectory>();
        services.AddSingleton<ISegmentStore, SqliteSegmentStore>();
        services.AddSingleton<ICampaignStore, SqliteCampaignStore>();
        return services;
    }
}
