namespace Notifications.Grains.Storage;

/// <summary>
/// The lane of the turn a storage write belongs to, carried in Orleans' request context so a store that
/// queues writes (SQLite's single writer) can put a critical turn ahead of bulk ones. Grain storage has no
/// parameter for it.
/// </summary>
public static class WriteLane
{
    private const string Key = "notifications.lane";

    public static Priority Current => RequestContext.Get(Key) is int lane && Enum.IsDefined((Priority)lane) ? (Priority)lane : Priority.Normal;

    public static void Set(Priority lane) => RequestContext.Set(Key, (int)lane);
}
