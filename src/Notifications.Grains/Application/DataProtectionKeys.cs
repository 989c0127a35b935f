using Notifications.Grains.Storage;

namespace Notifications.Application;

internal sealed class DataProtectionKeys(IDataProtectionKeyStore store) : IDataProtectionKeys
{
    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task AddAsync(string name, string xml, CancellationToken cancellationToken) => store.AddAsync(name, xml, cancellationToken);
}
