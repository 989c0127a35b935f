using Notifications.Delivery;

namespace Notifications.Api;

public sealed record DeliveryView(
    long Id,
    DeliveryChannel Channel,
    string Target,
    DeliveryStatus Status,
    int Attempts,
    string? Reason,
    DateTimeOffset UpdatedAt);
