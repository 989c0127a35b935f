using System.Collections.Concurrent;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>The partitions this silo owns right now, so appends and timers can wake their processors.</summary>
internal sealed class PartitionDirectory : IAppendObserver
{
    private readonly ConcurrentDictionary<int, PartitionProcessor> _owned = new();

    public void Add(PartitionProcessor processor) => _owned[processor.Partition] = processor;

    public void Remove(int partition) => _owned.TryRemove(partition, out _);

    /// <summary>A partition another silo owns is woken by that silo's own polling.</summary>
    public void Wake(int partition)
    {
        if (_owned.TryGetValue(partition, out var processor))
        {
            processor.Wake();
        }
    }

    public void WakeForTimers(int partition)
    {
        if (_owned.TryGetValue(partition, out var processor))
        {
            processor.WakeForTimers();
        }
    }

    /// <summary>Appends to a partition this silo does not own (yet) are found by its owner in the store.</summary>
    public void OnAppended(int partition, StreamEntry entry)
    {
        if (_owned.TryGetValue(partition, out var processor))
        {
            processor.Accept(entry);
        }
    }

    public IReadOnlyCollection<PartitionProcessor> Owned => (IReadOnlyCollection<PartitionProcessor>)_owned.Values;
}
