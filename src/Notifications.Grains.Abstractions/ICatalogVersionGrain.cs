namespace Notifications.Grains;

/// <summary>
/// The version of a catalog every silo caches in memory (key: the catalog's name, e.g. <see cref="Templates"/>). A silo
/// that changes the catalog's store announces it here; the others compare versions and reload. The version lives in
/// memory only: when the grain moves to another silo it starts a new <see cref="CatalogVersion.Epoch"/>, which every
/// cache reads as "changed" and reloads once, so no change can be missed.
/// </summary>
public interface ICatalogVersionGrain : IGrainWithStringKey
{
    public const string Templates = "templates";

    Task<CatalogVersion> GetAsync();

    /// <summary>Announces a change (after it is in the store) and returns the new version.</summary>
    Task<CatalogVersion> ChangedAsync();
}
