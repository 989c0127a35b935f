using Notifications.Delivery;

namespace Notifications.Runtime.Storage;

public sealed record ClaimedDelivery(DeliveryRequest Request, DateTimeOffset LeaseUntil);
