using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Notifications.Runtime.Storage;
using Notifications.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>The embedded store: one SQLite file (WAL) holding everything; no server to install.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteStorageOptions>().Bind(configuration.GetSection(SqliteStorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<IStorageInitializer, SqliteMigrations>();
        services.AddSingleton<ICommandLog, SqliteCommandLog>();
        services.AddSingleton<IPartitionStore, SqlitePartitionStore>();
        services.AddSingleton<IInboxStore, SqliteInboxStore>();
        services.AddSingleton<INotificationStore, SqliteNotificationStore>();
        services.AddSingleton<IDeliveryStore, SqliteDeliveryStore>();
        services.AddSingleton<ITemplateStore, SqliteTemplateStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<ISettingsStore, SqliteSettingsStore>();
        return services;
    }
}
