namespace Notifications.Grains.Storage;

/// <summary>Small silo-wide values every silo must agree on (for example the user-token signing key).</summary>
public interface ISettingsStore
{
    /// <summary>Returns the stored value, or stores <paramref name="value"/> if there is none yet (first writer wins).</summary>
    Task<string> GetOrAddAsync(string name, string value, CancellationToken cancellationToken);
}
