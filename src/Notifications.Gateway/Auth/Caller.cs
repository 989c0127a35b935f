namespace Notifications.Gateway.Auth;

/// <summary>Who is calling: a producer holding an API key with scopes, or an end user holding a token for one user id.</summary>
public sealed record Caller(string? ApiKeyId, IReadOnlySet<string> Scopes, string? UserId)
{
    /// <summary>The producer key's limits (see <see cref="Quotas.IProducerQuota"/>); null for users, the bootstrap key and unlimited keys.</summary>
    public Api.ProducerQuota? Quota { get; init; }

    public bool IsUser => UserId is not null;

    public bool HasScope(string scope) => Scopes.Contains(scope) || Scopes.Contains(Auth.Scopes.Admin);

    /// <summary>A user reaches only their own resources; a producer needs the manage scope to reach anyone's.</summary>
    public bool CanActFor(string userId) => IsUser ? string.Equals(UserId, userId, StringComparison.Ordinal) : HasScope(Auth.Scopes.Manage);
}
