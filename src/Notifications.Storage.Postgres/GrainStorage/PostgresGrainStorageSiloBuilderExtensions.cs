using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage;
using Notifications.Storage.Postgres;
using Notifications.Storage.Postgres.GrainStorage;
using Orleans.Runtime.Hosting;

namespace Orleans.Hosting;

public static class PostgresGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Grain storage named <paramref name="name"/> in the cluster's PostgreSQL database, batching the writes of many
    /// grains into one round trip. Needs the database (<c>AddPostgresStorage</c> registers it, with this storage under
    /// the names the grains use).
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions>? configure = null) =>
        builder.ConfigureServices(services => services.AddPostgresGrainStorage(name, configure));

    /// <inheritdoc cref="AddPostgresGrainStorage(ISiloBuilder, string, Action{PostgresGrainStorageOptions}?)"/>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresGrainStorageOptions>? configure = null)
    {
        var options = services.AddOptions<PostgresGrainStorageOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresGrainStorageOptions>, PostgresGrainStorageOptionsValidator>());
        services.TryAddSingleton<JsonGrainStateSerializer>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainStateBatchWriter>();
        services.TryAddSingleton<GrainStateBatchReader>();
        // Sealed by default: a user's state holds their addresses, numbers and device tokens.
        services.AddOptions<PostgresGrainStorageOptions>(name).PostConfigure<JsonGrainStateSerializer, Notifications.Grains.Privacy.PiiProtector>((o, json, pii) => o.GrainStorageSerializer ??= pii.Sealing(json));
        services.AddGrainStorage(name, PostgresGrainStorageFactory.Create);
        return services;
    }
}
