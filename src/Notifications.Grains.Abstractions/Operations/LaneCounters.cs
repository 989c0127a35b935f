namespace Notifications.Grains.Operations;

/// <summary>
/// One lane's totals on one silo; <see cref="LatencyBuckets"/> counts the last minute's deliveries per bucket of
/// <see cref="LatencyBuckets"/>'s bounds (see LatencyHistogram), so silos' histograms add up.
/// </summary>
public sealed record LaneCounters(
    Priority Lane,
    long Accepted,
    long Suppressed,
    long Deferred,
    long Digested,
    long Delivered,
    long Failed,
    IReadOnlyList<long> LatencyBuckets);
