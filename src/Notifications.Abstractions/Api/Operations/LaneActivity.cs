namespace Notifications.Api.Operations;

/// <summary>
/// One priority lane: notifications accepted, provider sends that succeeded or failed for good, and the time from
/// acceptance to the provider's acceptance (in-app deliveries excluded: they complete within the turn).
/// </summary>
public sealed record LaneActivity(
    Priority Lane,
    long Accepted,
    long Suppressed,
    long Deferred,
    long Digested,
    long Delivered,
    long Failed,
    double? LatencyP50Ms,
    double? LatencyP99Ms);
