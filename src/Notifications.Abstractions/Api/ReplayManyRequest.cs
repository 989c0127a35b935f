namespace Notifications.Api;

public sealed record ReplayManyRequest(IReadOnlyList<long>? DeliveryIds);
