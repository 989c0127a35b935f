using System.Collections.ObjectModel;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>A collection an exporter may append to from the silo's threads while the test reads snapshots of it.</summary>
public sealed class LockedCollection<T> : Collection<T>
{
    private readonly Lock _gate = new();

    public T[] Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }

    protected override void ClearItems()
    {
        lock (_gate)
        {
            base.ClearItems();
        }
    }
}
