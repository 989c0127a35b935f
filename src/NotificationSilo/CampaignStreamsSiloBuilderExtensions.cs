using Microsoft.Extensions.DependencyInjection;
using Notifications.Grains.Campaigns;
using Orleans.Streams;

namespace Orleans.Hosting;

/// <summary>The one place the campaign fan-out's stream provider is chosen (the silo and the grain tests both call it).</summary>
public static class CampaignStreamsSiloBuilderExtensions
{
    /// <summary>
    /// The stream provider under <see cref="CampaignStreams.ProviderName"/>, implicit subscriptions only (no pub-sub
    /// store). Embedded: the durable SQLite queue in the silo's file, so chunks published before a <c>kill -9</c> are
    /// delivered after the restart. Other storage providers: Orleans memory streams until their durable queue is wired;
    /// a chunk lost with its silo is then published again by its campaign once <c>Silo:Campaigns:RedeliverAfter</c>
    /// passes, so nobody is missed, only delayed.
    /// </summary>
    public static ISiloBuilder AddCampaignStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (StorageSiloBuilderExtensions.IsSqlite(configuration))
        {
            return silo.AddSqliteStreams(CampaignStreams.ProviderName, configureStream: streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        }
        return silo.AddMemoryStreams(CampaignStreams.ProviderName, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
