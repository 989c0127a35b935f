using Notifications.Grains.Storage;

namespace Notifications.Application;

internal sealed class ApiKeyService(IApiKeyStore keys, TimeProvider time) : IApiKeyService
{
    public Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken) => keys.AddAsync(key, cancellationToken);

    // Read from the store on every call, so a revocation takes effect at once on every silo.
    public Task<ApiKeyRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken) => keys.FindByHashAsync(secretHash, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken) => keys.ListAsync(cancellationToken);

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken) => keys.RevokeAsync(id, time.GetUtcNow(), cancellationToken);
}
