namespace Notifications.Application;

/// <summary>Producer API keys as the gateway's authentication and admin endpoints see them.</summary>
public interface IApiKeyService
{
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Null when no key has that secret hash (revoked keys are returned with <see cref="ApiKeyRecord.RevokedAt"/> set).</summary>
    Task<ApiKeyRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when there is no such key.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}
