using Notifications.Delivery;

namespace Notifications.Api;

/// <summary>A dead letter put back in its queue (attempts reset, due now).</summary>
public sealed record ReplayedDelivery(long Id, Guid NotificationId, DeliveryChannel Channel, Priority Lane);
