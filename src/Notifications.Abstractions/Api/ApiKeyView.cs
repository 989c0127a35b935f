namespace Notifications.Api;

/// <param name="Key">The secret itself: present only in the answer that created it; only its hash is stored.</param>
/// <param name="Quota">The key's limits; null when it has none.</param>
public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? Key = null, ProducerQuota? Quota = null);
