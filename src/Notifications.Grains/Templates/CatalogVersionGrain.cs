namespace Notifications.Grains.Templates;

[GrainType("catalog-version")]
internal sealed class CatalogVersionGrain : Grain, ICatalogVersionGrain
{
    private CatalogVersion _version = new(Guid.NewGuid(), 0);

    public Task<CatalogVersion> GetAsync() => Task.FromResult(_version);

    public Task<CatalogVersion> ChangedAsync()
    {
        _version = _version with { Counter = _version.Counter + 1 };
        return Task.FromResult(_version);
    }
}
