using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage.Streams;
using Notifications.Storage.Sqlite;
using Notifications.Storage.Sqlite.Streams;
using Orleans.Streams;

namespace Orleans.Hosting;

public static class SqliteStreamsSiloBuilderExtensions
{
    /// <summary>
    /// A durable Orleans persistent-stream provider named <paramref name="name"/> whose queues are rows of the silo's
    /// SQLite file: an event is committed when <c>OnNextAsync</c> returns, delivered at least once in per-stream order,
    /// and deleted once delivered; a restart (even after <c>kill -9</c>) redelivers what was not. Needs the SQLite
    /// database (<c>AddSqliteStorage</c> / <c>AddSqliteRecordStores</c> register it and its migrations).
    /// <paramref name="configureStream"/> reaches Orleans' own settings (pulling agent period, balancer, backoff).
    /// </summary>
    public static ISiloBuilder AddSqliteStreams(
        this ISiloBuilder builder,
        string name,
        Action<SqliteStreamOptions>? configure = null,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.ConfigureServices(services => services.AddSqliteStreamQueues(name, configure));
        return builder.AddPersistentStreams(name, CreateQueueAdapterFactory, stream => configureStream?.Invoke(stream));
    }

    /// <summary>The entry point <c>AddPersistentStreams</c> calls, once per provider name.</summary>
    internal static IQueueAdapterFactory CreateQueueAdapterFactory(IServiceProvider services, string name)
    {
        var database = services.GetService<SqliteDatabase>() ?? throw new InvalidOperationException(
            $"The SQLite stream provider '{name}' keeps its queues in the silo's SQLite file, which is not registered: call AddSqliteStorage (or AddSqliteRecordStores) before AddSqliteStreams.");
        var options = services.GetRequiredService<IOptionsMonitor<SqliteStreamOptions>>().Get(name);
        var table = new SqliteStreamQueueTable(database, services.GetService<TimeProvider>() ?? TimeProvider.System, name, options.WriteLane);
        return new TableQueueAdapterFactory(name, options.Limits, table, services);
    }

    /// <summary>The provider's validated options, without Orleans' pulling agents (the adapter's own tests use this).</summary>
    internal static IServiceCollection AddSqliteStreamQueues(this IServiceCollection services, string name, Action<SqliteStreamOptions>? configure)
    {
        var options = services.AddOptions<SqliteStreamOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStreamOptions>, SqliteStreamOptionsValidator>());
        return services;
    }
}
