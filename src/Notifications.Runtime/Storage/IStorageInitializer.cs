namespace Notifications.Runtime.Storage;

/// <summary>Brings the store's schema up to date (versioned migrations). The silo runs it before anything else.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
