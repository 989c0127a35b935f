namespace Notifications.Runtime.Storage;

/// <summary>
/// Receives every appended command right after it became durable, in stream order per (partition, lane),
/// from a store whose <see cref="ICommandLog.HandsOffAppends"/> is true. Must be quick and must not block.
/// </summary>
public interface IAppendObserver
{
    void OnAppended(int partition, StreamEntry entry);
}
