namespace Notifications.Api;

public sealed record MarkReadRequest(bool? Read);
