namespace Notifications.Api.Operations;

/// <summary>
/// What the operations console shows, as of <see cref="At"/>: counters are totals since each silo started, summed over
/// the silos that reported, so a client derives rates from two snapshots.
/// </summary>
public sealed record OperationsSnapshot(
    DateTimeOffset At,
    IReadOnlyList<SiloStatusView> Silos,
    IReadOnlyList<LaneActivity> Lanes,
    IReadOnlyList<ChannelActivity> Channels,
    IReadOnlyList<ProviderHealthView> Providers,
    long DeadLetters);
