namespace Notifications.Api;

public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
