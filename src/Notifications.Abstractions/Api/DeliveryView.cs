using Notifications.Delivery;

namespace Notifications.Api;

/// <param name="ProviderMessageId">The provider's id for the sent message (Twilio's SID, APNs' apns-id, the email's Message-ID), to look it up there.</param>
/// <param name="History">Every status the delivery went through, oldest first (queued, sent, delivered, opened, …).</param>
public sealed record DeliveryView(
    long Id,
    DeliveryChannel Channel,
    string Target,
    DeliveryStatus Status,
    int Attempts,
    string? Reason,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DeliveryTransition>? History = null,
    string? ProviderMessageId = null);
