namespace Notifications.Api;

public sealed record IssueTokenRequest(int? TtlSeconds);
