namespace Notifications.Api;

/// <param name="Key">The secret itself: present only in the answer that created it; only its hash is stored.</param>
public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? Key = null);
