namespace Notifications.Grains;

/// <summary>
/// The version of a catalog every silo caches in memory (key: the catalog's name, e.g. <see cref="Templates"/>). A silo
/// that changes the catalog's store announces it here, and the grain hands the new version to every other silo's cache
/// before the announcement returns; each cache also compares versions on a timer, which covers a cache the push missed.
/// The version and the followers live in memory only: when the grain moves to another silo it starts a new
/// <see cref="CatalogVersion.Epoch"/>, which every cache reads as "changed" and reloads once, so no change can be missed.
/// </summary>
public interface ICatalogVersionGrain : IGrainWithStringKey
{
    public const string Templates = "templates";

    /// <summary>The current version; <paramref name="cache"/> is told of the next changes (renewed by calling again).</summary>
    Task<CatalogVersion> FollowAsync(ICatalogObserver cache);

    /// <summary>
    /// Announces a change (after it is in the store) and returns the new version once every other follower holds it,
    /// or has failed to answer in time and is left to its timer.
    /// </summary>
    Task<CatalogVersion> ChangedAsync(ICatalogObserver announcer);
}
