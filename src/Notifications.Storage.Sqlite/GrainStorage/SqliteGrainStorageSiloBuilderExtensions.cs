using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage;
using Notifications.Storage.Sqlite.GrainStorage;
using Orleans.Runtime.Hosting;

namespace Orleans.Hosting;

public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Grain storage named <paramref name="name"/> in the silo's SQLite file. Needs the SQLite database
    /// (<c>AddSqliteStorage</c> registers it, with this storage under the name the grains use).
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions>? configure = null) =>
        builder.ConfigureServices(services => services.AddSqliteGrainStorage(name, configure));

    /// <inheritdoc cref="AddSqliteGrainStorage(ISiloBuilder, string, Action{SqliteGrainStorageOptions}?)"/>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteGrainStorageOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteGrainStorageOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        services.TryAddSingleton<JsonGrainStateSerializer>();
        services.TryAddSingleton<GrainStateReader>();
        // Sealed by default: a user's state holds their addresses, numbers and device tokens.
        services.AddOptions<SqliteGrainStorageOptions>(name).PostConfigure<JsonGrainStateSerializer, Notifications.Grains.Privacy.PiiProtector>((o, json, pii) => o.GrainStorageSerializer ??= pii.Sealing(json));
        services.AddGrainStorage(name, SqliteGrainStorageFactory.Create);
        return services;
    }
}
