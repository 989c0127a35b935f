using Notifications.Grains.Campaigns;
using Orleans.Streams;

namespace Orleans.Hosting;

/// <summary>The one place the campaign fan-out's stream provider is chosen (the silo and the grain tests both call it).</summary>
public static class CampaignStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Orleans memory streams under <see cref="CampaignStreams.ProviderName"/>, implicit subscriptions only (no pub-sub
    /// store). Not durable: a chunk lost with its silo is published again by its campaign once
    /// <c>Silo:Campaigns:RedeliverAfter</c> passes, so nobody is missed, only delayed. The durable SQLite queue replaces it.
    /// </summary>
    public static ISiloBuilder AddCampaignStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return silo.AddMemoryStreams(CampaignStreams.ProviderName, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
