using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage.Streams;
using Notifications.Storage.Postgres;
using Notifications.Storage.Postgres.Streams;
using Orleans.Streams;

namespace Orleans.Hosting;

public static class PostgresStreamsSiloBuilderExtensions
{
    /// <summary>
    /// A durable Orleans persistent-stream provider named <paramref name="name"/> whose queues are rows of the
    /// cluster's PostgreSQL database, shared by every silo: any silo may publish, the silo owning a queue's pulling
    /// agent reads it. An event is committed when <c>OnNextAsync</c> returns, delivered at least once in per-stream
    /// order, and deleted once delivered; a restart or a queue moving to another silo redelivers what was not.
    /// Needs the database (<c>AddPostgresStorage</c> / <c>AddPostgresRecordStores</c> register it and its migrations).
    /// <paramref name="configureStream"/> reaches Orleans' own settings (pulling agent period, balancer, backoff).
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(
        this ISiloBuilder builder,
        string name,
        Action<PostgresStreamOptions>? configure = null,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.ConfigureServices(services => services.AddPostgresStreamQueues(name, configure));
        return builder.AddPersistentStreams(name, CreateQueueAdapterFactory, stream => configureStream?.Invoke(stream));
    }

    /// <summary>The entry point <c>AddPersistentStreams</c> calls, once per provider name.</summary>
    internal static IQueueAdapterFactory CreateQueueAdapterFactory(IServiceProvider services, string name)
    {
        var database = services.GetService<PostgresDatabase>() ?? throw new InvalidOperationException(
            $"The PostgreSQL stream provider '{name}' keeps its queues in the cluster's PostgreSQL database, which is not registered: call AddPostgresStorage (or AddPostgresRecordStores) before AddPostgresStreams.");
        var options = services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name);
        var table = new PostgresStreamQueueTable(database, services.GetService<TimeProvider>() ?? TimeProvider.System, name, options.EnqueueBatchesInFlight);
        return new TableQueueAdapterFactory(name, options.Limits, table, services);
    }

    /// <summary>The provider's validated options, without Orleans' pulling agents (the adapter's own tests use this).</summary>
    internal static IServiceCollection AddPostgresStreamQueues(this IServiceCollection services, string name, Action<PostgresStreamOptions>? configure)
    {
        var options = services.AddOptions<PostgresStreamOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStreamOptions>, PostgresStreamOptionsValidator>());
        return services;
    }
}
