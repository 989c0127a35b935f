namespace Notifications.Api;

public sealed record BatchSendRequest(IReadOnlyList<SendNotificationRequest>? Notifications);
