using Notifications.Grains.Campaigns;
using Orleans.Streams;

namespace Orleans.Hosting;

/// <summary>The one place the campaign fan-out's stream provider is chosen (the silo and the grain tests both call it).</summary>
public static class CampaignStreamsSiloBuilderExtensions
{
    /// <summary>
    /// A durable stream provider under <see cref="CampaignStreams.ProviderName"/>, implicit subscriptions only (no
    /// pub-sub store), in the storage that Storage:Provider names: the SQLite queue in the embedded silo's file, or the
    /// PostgreSQL queue every silo of a cluster shares. Chunks published before a <c>kill -9</c> are delivered after it.
    /// </summary>
    public static ISiloBuilder AddCampaignStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Action<ISiloPersistentStreamConfigurator> implicitOnly = streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        return StorageSiloBuilderExtensions.IsSqlite(configuration)
            ? silo.AddSqliteStreams(CampaignStreams.ProviderName, configureStream: implicitOnly)
            : silo.AddPostgresStreams(CampaignStreams.ProviderName, configureStream: implicitOnly);
    }
}
