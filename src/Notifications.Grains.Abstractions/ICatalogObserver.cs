namespace Notifications.Grains;

/// <summary>A silo's cache of a catalog, told by <see cref="ICatalogVersionGrain"/> of a change another silo made.</summary>
public interface ICatalogObserver : IGrainObserver
{
    /// <summary>Completes once the cache holds <paramref name="version"/>: the announcing silo waits for it.</summary>
    Task ChangedAsync(CatalogVersion version);
}
