using Notifications.Api.Operations;

namespace Notifications.Grains.Operations;

/// <summary>One silo's counters since it started, its last minute of delivery latencies, and its providers' health.</summary>
public sealed record SiloActivityReport(
    string Silo,
    DateTimeOffset At,
    IReadOnlyList<LaneCounters> Lanes,
    IReadOnlyList<ChannelCounters> Channels,
    IReadOnlyList<ProviderHealthView> Providers);
