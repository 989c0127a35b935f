using Notifications.Api;
using Notifications.Delivery;

namespace Notifications.Grains.Storage;

/// <summary>The delivery outbox: jobs written by grains, claimed by channel workers under a lease; and their log.</summary>
public interface IDeliveryStore
{
    /// <summary>Claims up to <paramref name="max"/> due jobs of one channel and lane; jobs whose lease ran out are due again.</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryChannel channel, Priority lane, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Records attempts and logs each transition. A delivery a tracking event already moved past sent (delivered,
    /// opened, clicked, bounced) keeps that status. Provider events that arrived before their send was recorded are applied here.
    /// </summary>
    Task CompleteAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken);

    /// <summary>
    /// Moves one delivery forward (see <see cref="DeliveryStatusProgression"/>) and logs the transition; an event that
    /// would move it backwards, or repeats its status, changes nothing.
    /// </summary>
    Task<DeliveryTrackResult> TrackAsync(long deliveryId, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for the delivery a provider knows by its own message id (Twilio's MessageSid). An id not recorded yet
    /// (the callback overtook our record of the send) is kept and applied when the send is recorded: <see cref="DeliveryTrackResult.Pending"/>.
    /// </summary>
    Task<DeliveryTrackResult> TrackByProviderIdAsync(DeliveryChannel channel, string providerMessageId, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken);

    /// <summary>The delivery of <paramref name="channel"/> recorded with that provider message id; null when there is none.</summary>
    Task<ProviderDelivery?> FindByProviderIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Moves every delivery of one user's notification on <paramref name="channels"/>; returns how many moved. Zero with no such delivery.</summary>
    Task<int> TrackNotificationAsync(string userId, Guid notificationId, IReadOnlyCollection<DeliveryChannel> channels, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken);

    /// <summary>Dead letters, newest first; <paramref name="beforeId"/> continues after the last one of the previous page.</summary>
    Task<IReadOnlyList<DeadLetterView>> ListDeadLettersAsync(long? beforeId, int limit, DeliveryChannel? channel, CancellationToken cancellationToken);

    /// <summary>Null when <paramref name="deliveryId"/> is not a dead letter.</summary>
    Task<DeadLetterView?> GetDeadLetterAsync(long deliveryId, CancellationToken cancellationToken);

    /// <summary>Jobs queued or being sent, per channel and lane (pairs with none are left out), and the dead letters in all.</summary>
    Task<OutboxDepth> CountOutboxAsync(CancellationToken cancellationToken);

    /// <summary>Re-queues a dead letter, due now with its attempts reset, and logs it; null when <paramref name="deliveryId"/> is not a dead letter.</summary>
    Task<ReplayedDelivery?> ReplayAsync(long deliveryId, DateTimeOffset now, string detail, CancellationToken cancellationToken);
}
