using Notifications.Delivery;

namespace Notifications.Grains.Storage;

public sealed record ClaimedDelivery(DeliveryRequest Request, DateTimeOffset LeaseUntil);
