namespace Notifications.Application;

/// <summary>The cluster's shared data-protection key ring as the gateway's key manager reads and writes it.</summary>
public interface IDataProtectionKeys
{
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(string name, string xml, CancellationToken cancellationToken);
}
