namespace Notifications.Grains;

/// <summary>One version of a cached catalog: equal versions mean the same contents.</summary>
public sealed record CatalogVersion(Guid Epoch, long Counter);
