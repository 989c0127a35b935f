namespace Notifications.Application;

/// <summary>Small values every silo must agree on (for example the user-token signing key).</summary>
public interface ISiloSettings
{
    /// <summary>Returns the stored value, or stores <paramref name="value"/> if there is none yet (first writer wins).</summary>
    Task<string> GetOrAddAsync(string name, string value, CancellationToken cancellationToken);
}
