using Notifications.Domain.State;

namespace Notifications.Runtime.Storage;

/// <summary>What a partition's owner reads and writes: its stream, its timers, its grains' state.</summary>
public interface IPartitionStore
{
    /// <summary>Takes ownership of a partition and returns the new fencing epoch; earlier owners' commits fail from now on.</summary>
    Task<long> AcquireAsync(int partition, string owner, CancellationToken cancellationToken);

    /// <summary>The next unconsumed entries, critical lane first, then in stream order; due timers come with them.</summary>
    Task<IReadOnlyList<StreamEntry>> ReadBatchAsync(int partition, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Only the due timers of a partition, earliest first (a caught-up processor gets its commands in memory).</summary>
    Task<IReadOnlyList<StreamEntry>> ReadDueTimersAsync(int partition, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, UserState>> LoadStatesAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a batch atomically: consumes its entries, writes states and effects. For each lane the consumed
    /// commands are a prefix of what the processor was given, so a store may delete them as a range.
    /// </summary>
    Task CommitAsync(PartitionCommit commit, CancellationToken cancellationToken);

    /// <summary>Partitions that have a timer due at <paramref name="now"/>, and the earliest future due time of any timer.</summary>
    Task<(IReadOnlyList<int> DuePartitions, DateTimeOffset? NextDue)> DueTimersAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
