using System.Globalization;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Delivery;
using Notifications.Grains.Delivery.Tracking;
using Notifications.Grains;
using Notifications.Grains.Storage;

namespace Notifications.Application;

internal sealed class DeliveryService(
    IDeliveryStore deliveries,
    INotificationStore notifications,
    TrackingLinks links,
    DeliveryWakeUps wakeUps,
    UserGrains users,
    TimeProvider time) : IDeliveryService
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
    public const string ReplayDetail = "replayed by an operator";

    private static readonly DeliveryChannel[] PushChannels = [DeliveryChannel.Apns, DeliveryChannel.Fcm, DeliveryChannel.WebPush];

    public Task<DeliveryTrackResult> RecordProviderStatusAsync(DeliveryChannel channel, string providerMessageId, DeliveryStatus status, string? detail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(providerMessageId) || providerMessageId.Length > 256)
        {
            throw new ValidationFailedException("providerMessageId", "a provider message id of 1-256 characters is required.");
        }
        return deliveries.TrackByProviderIdAsync(channel, providerMessageId, status, time.GetUtcNow(), detail, cancellationToken);
    }

    public async Task<DeliveryTrackResult> RecordEmailBounceAsync(EmailBounce bounce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bounce);
        if (await deliveries.FindByProviderIdAsync(DeliveryChannel.Email, bounce.MessageId, cancellationToken).ConfigureAwait(false) is not { } delivery)
        {
            return DeliveryTrackResult.NotFound;
        }
        var detail = bounce.Diagnostic is { Length: > 0 } diagnostic ? $"{bounce.Status} {diagnostic}" : bounce.Status;
        var result = await deliveries.TrackAsync(delivery.Id, DeliveryStatus.Bounced, time.GetUtcNow(), detail, cancellationToken).ConfigureAwait(false);
        // Told again when the delivery had bounced already: the report may be read again because telling the grain
        // failed last time. The grain counts each delivery once.
        if (bounce.IsHard && (result == DeliveryTrackResult.Applied || delivery.Status == DeliveryStatus.Bounced))
        {
            await users.Get(delivery.UserId).RecordEmailBounceAsync(delivery.Id, delivery.Target, bounce.Status, bounce.DisableAfter).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public async Task<bool> RecordEmailOpenAsync(long deliveryId, string? signature, CancellationToken cancellationToken)
    {
        if (!links.VerifyOpen(deliveryId, signature))
        {
            return false;
        }
        await deliveries.TrackAsync(deliveryId, DeliveryStatus.Opened, time.GetUtcNow(), null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RecordClickAsync(long deliveryId, string? destination, string? signature, CancellationToken cancellationToken)
    {
        if (!links.VerifyClick(deliveryId, destination, signature))
        {
            return false;
        }
        await deliveries.TrackAsync(deliveryId, DeliveryStatus.Clicked, time.GetUtcNow(), destination, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RecordPushOpenedAsync(string userId, Guid notificationId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var view = await notifications.GetAsync(notificationId, cancellationToken).ConfigureAwait(false);
        if (view is null || view.UserId != userId)
        {
            return false;
        }
        // Reporting twice (or after a later status) is fine: the store only ever moves a delivery forward.
        await deliveries.TrackNotificationAsync(userId, notificationId, PushChannels, DeliveryStatus.Opened, time.GetUtcNow(), "reported by the app", cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<DeadLetterPage> ListDeadLettersAsync(string? cursor, int? limit, CancellationToken cancellationToken) =>
        ListDeadLettersAsync(cursor, limit, null, cancellationToken);

    public async Task<DeadLetterPage> ListDeadLettersAsync(string? cursor, int? limit, DeliveryChannel? channel, CancellationToken cancellationToken)
    {
        if (channel is { } only && !Enum.IsDefined(only))
        {
            throw new ValidationFailedException("channel", "channel is not a delivery channel.");
        }
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"limit must be between 1 and {MaxPageSize}.");
        }
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                throw new ValidationFailedException("cursor", "cursor is not one this API returned.");
            }
            before = id;
        }
        var size = limit ?? DefaultPageSize;
        var page = await deliveries.ListDeadLettersAsync(before, size + 1, channel, cancellationToken).ConfigureAwait(false);
        if (page.Count <= size)
        {
            return new DeadLetterPage(page, null);
        }
        var shown = page.Take(size).ToList();
        return new DeadLetterPage(shown, shown[^1].Id.ToString(CultureInfo.InvariantCulture));
    }

    public async Task<ReplayedDelivery?> ReplayAsync(long deliveryId, CancellationToken cancellationToken)
    {
        var replayed = await deliveries.ReplayAsync(deliveryId, time.GetUtcNow(), ReplayDetail, cancellationToken).ConfigureAwait(false);
        if (replayed is not null)
        {
            wakeUps.Wake(replayed.Channel, replayed.Lane);
        }
        return replayed;
    }

    public async Task<DeadLetterDetail?> GetDeadLetterAsync(long deliveryId, CancellationToken cancellationToken)
    {
        var deadLetter = await deliveries.GetDeadLetterAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (deadLetter is null)
        {
            return null;
        }
        var notification = await notifications.GetAsync(deadLetter.NotificationId, cancellationToken).ConfigureAwait(false);
        return new DeadLetterDetail(deadLetter, notification);
    }

    public async Task<ReplayManyResponse> ReplayManyAsync(IReadOnlyList<long>? deliveryIds, CancellationToken cancellationToken)
    {
        if (deliveryIds is null || deliveryIds.Count is 0 or > MaxPageSize)
        {
            throw new ValidationFailedException("deliveryIds", $"Required: an array of 1 to {MaxPageSize} delivery ids.");
        }
        if (deliveryIds.Distinct().Count() != deliveryIds.Count)
        {
            throw new ValidationFailedException("deliveryIds", "deliveryIds must not repeat an id.");
        }
        var replayed = new List<ReplayedDelivery>(deliveryIds.Count);
        var missing = new List<long>();
        foreach (var id in deliveryIds)
        {
            if (await ReplayAsync(id, cancellationToken).ConfigureAwait(false) is { } done)
            {
                replayed.Add(done);
            }
            else
            {
                missing.Add(id);
            }
        }
        return new ReplayManyResponse(replayed, missing);
    }
}
