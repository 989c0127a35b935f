using Notifications.Api;

namespace Notifications.Application;

/// <summary>A producer API key as stored: only the SHA-256 of the secret, never the secret.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string SecretHash, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The key's limits; null when it has none.</summary>
    public ProducerQuota? Quota { get; init; }
}
