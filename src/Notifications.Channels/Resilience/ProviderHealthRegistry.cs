using System.Collections.Concurrent;
using Notifications.Api.Operations;
using Notifications.Delivery;

namespace Notifications.Channels.Resilience;

/// <summary>The trackers of this silo's configured providers, one per channel.</summary>
internal sealed class ProviderHealthRegistry : IProviderHealthSource
{
    private readonly ConcurrentDictionary<DeliveryChannel, ProviderHealthTracker> _trackers = new();

    public void Add(DeliveryChannel channel, ProviderHealthTracker tracker) => _trackers[channel] = tracker;

    public IReadOnlyList<ProviderHealthView> Snapshot() =>
        [.. _trackers.OrderBy(t => t.Key).Select(t => t.Value.Snapshot())];
}
