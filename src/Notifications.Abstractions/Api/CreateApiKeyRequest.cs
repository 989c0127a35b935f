namespace Notifications.Api;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);
