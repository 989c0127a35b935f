namespace Notifications.Api;

/// <param name="Quota">Rate and daily limits of the key; absent for an unlimited key.</param>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, ProducerQuota? Quota = null);
