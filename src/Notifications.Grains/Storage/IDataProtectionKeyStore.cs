namespace Notifications.Grains.Storage;

/// <summary>
/// The ASP.NET Core data-protection key ring every silo of a cluster shares (console sign-in cookies and the like), as
/// the XML elements the key manager writes. Keys are only ever added; the key manager expires them itself.
/// </summary>
public interface IDataProtectionKeyStore
{
    /// <summary>Every stored key element, in the order they were added.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a key element under its unique name; a name stored before keeps its first element.</summary>
    Task AddAsync(string name, string xml, CancellationToken cancellationToken);
}
