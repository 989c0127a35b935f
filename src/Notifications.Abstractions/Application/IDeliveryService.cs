using Notifications.Api;
using Notifications.Delivery;

namespace Notifications.Application;

/// <summary>What happens to deliveries after they were sent: provider reports, opens, clicks; and dead letters.</summary>
public interface IDeliveryService
{
    /// <summary>A provider's status report (Twilio's status callback) for the message it knows as <paramref name="providerMessageId"/>.</summary>
    Task<DeliveryTrackResult> RecordProviderStatusAsync(DeliveryChannel channel, string providerMessageId, DeliveryStatus status, string? detail, CancellationToken cancellationToken);

    /// <summary>
    /// A bounce report for one of our emails: its delivery becomes <c>bounced</c>, and a hard bounce counts against the
    /// address (see <see cref="EmailBounce.DisableAfter"/>). NotFound when no email was sent with that Message-ID;
    /// Ignored when the delivery had already bounced or been delivered (a repeated report counts once).
    /// </summary>
    Task<DeliveryTrackResult> RecordEmailBounceAsync(EmailBounce bounce, CancellationToken cancellationToken);

    /// <summary>An email's open pixel was loaded. False when the signature does not match: nothing is recorded.</summary>
    Task<bool> RecordEmailOpenAsync(long deliveryId, string? signature, CancellationToken cancellationToken);

    /// <summary>A tracked email link was followed. False when the signature does not match the destination: nothing is recorded.</summary>
    Task<bool> RecordClickAsync(long deliveryId, string? destination, string? signature, CancellationToken cancellationToken);

    /// <summary>The user's app reports that a push of this notification was opened. False when the user has no such notification.</summary>
    Task<bool> RecordPushOpenedAsync(string userId, Guid notificationId, CancellationToken cancellationToken);

    /// <summary><paramref name="limit"/> is 1..100; a bad cursor or limit throws <see cref="ValidationFailedException"/>.</summary>
    Task<DeadLetterPage> ListDeadLettersAsync(string? cursor, int? limit, CancellationToken cancellationToken);

    /// <summary>As above, only the dead letters of <paramref name="channel"/> when it is given.</summary>
    Task<DeadLetterPage> ListDeadLettersAsync(string? cursor, int? limit, DeliveryChannel? channel, CancellationToken cancellationToken);

    /// <summary>Null when <paramref name="deliveryId"/> is not a dead letter.</summary>
    Task<DeadLetterDetail?> GetDeadLetterAsync(long deliveryId, CancellationToken cancellationToken);

    /// <summary>Puts a dead letter back in its queue with its attempts reset; null when there is no such dead letter.</summary>
    Task<ReplayedDelivery?> ReplayAsync(long deliveryId, CancellationToken cancellationToken);

    /// <summary>Replays each of 1..100 distinct ids; those that are no dead letter are listed as missing, the rest still replayed.</summary>
    Task<ReplayManyResponse> ReplayManyAsync(IReadOnlyList<long>? deliveryIds, CancellationToken cancellationToken);
}
