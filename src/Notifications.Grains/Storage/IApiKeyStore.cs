using Notifications.Application;

namespace Notifications.Grains.Storage;

public interface IApiKeyStore
{
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    Task<ApiKeyRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);
}
