using Orleans.Runtime;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// The one coupling between a campaign and its recipients' grains: chunks of user ids on an Orleans stream provider
/// registered under <see cref="ProviderName"/> (the silo picks the provider: memory, the durable SQLite queue, …).
/// </summary>
public static class CampaignStreams
{
    public const string ProviderName = "campaigns";

    /// <summary>The stream namespace the chunk consumers subscribe to implicitly.</summary>
    public const string Namespace = "campaign-chunks";

    /// <summary>Streams per campaign: chunks spread over this many consumer activations (and silos).</summary>
    public const int Partitions = 16;

    public static StreamId For(Guid campaignId, long chunk) =>
        StreamId.Create(Namespace, $"{campaignId:N}-{chunk % Partitions}");

    /// <summary>The campaign a consumer's stream key belongs to.</summary>
    public static Guid CampaignOf(string streamKey) => Guid.ParseExact(streamKey.AsSpan(0, 32), "N");
}
