using Notifications.Delivery;

namespace Notifications.Runtime.Storage;

/// <summary>The delivery outbox: jobs written by grains, claimed by channel workers under a lease.</summary>
public interface IDeliveryStore
{
    /// <summary>Claims up to <paramref name="max"/> due jobs of one channel and lane; jobs whose lease ran out are due again.</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryChannel channel, Priority lane, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    Task CompleteAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken);
}
