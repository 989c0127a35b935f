using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Notifications.Grains.Templates;

[GrainType("catalog-version")]
internal sealed class CatalogVersionGrain(ILogger<CatalogVersionGrain> logger) : Grain, ICatalogVersionGrain
{
    /// <summary>A silo that stopped following (it died) is forgotten after this, or at its first failed push.</summary>
    private static readonly TimeSpan FollowerLifetime = TimeSpan.FromMinutes(10);
    /// <summary>A silo that does not answer in time is probably dying; its timer catches up if it is not.</summary>
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(2);

    private readonly ObserverManager<ICatalogObserver> _followers = new(FollowerLifetime, logger);
    private CatalogVersion _version = new(Guid.NewGuid(), 0);

    public Task<CatalogVersion> FollowAsync(ICatalogObserver cache)
    {
        _followers.Subscribe(cache, cache);
        return Task.FromResult(_version);
    }

    public async Task<CatalogVersion> ChangedAsync(ICatalogObserver announcer)
    {
        _version = _version with { Counter = _version.Counter + 1 };
        var version = _version;
        // A follower that throws or times out is dropped until it follows again.
        await _followers.Notify(cache => cache.ChangedAsync(version).WaitAsync(PushTimeout), cache => !cache.Equals(announcer)).ConfigureAwait(true);
        return version;
    }
}
