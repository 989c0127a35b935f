using Notifications.Delivery;

namespace Notifications.Api.Operations;

/// <summary>
/// One provider's bulkhead, merged over silos: the circuit is shown open when it is open on any silo (each silo
/// keeps its own breaker), with the attempts and failures by kind, and the newest errors.
/// </summary>
public sealed record ProviderHealthView(
    DeliveryChannel Channel,
    string Circuit,
    long Attempts,
    long Sent,
    IReadOnlyDictionary<string, long> FailuresByKind,
    IReadOnlyList<ProviderError> RecentErrors);
