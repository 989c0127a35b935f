using Notifications.Domain.State;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Tests;

/// <summary>The real partition store, except that the next state load or commit can be made to fail once.</summary>
internal sealed class FlakyPartitionStore(IPartitionStore inner) : IPartitionStore
{
    private int _failLoads;
    private int _failCommits;

    public int Failures { get; private set; }

    public void FailNextLoad() => Interlocked.Exchange(ref _failLoads, 1);

    public void FailNextCommit() => Interlocked.Exchange(ref _failCommits, 1);

    public Task<long> AcquireAsync(int partition, string owner, CancellationToken cancellationToken) => inner.AcquireAsync(partition, owner, cancellationToken);

    public Task<IReadOnlyList<StreamEntry>> ReadBatchAsync(int partition, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ReadBatchAsync(partition, maxEntries, now, cancellationToken);

    public Task<IReadOnlyList<StreamEntry>> ReadDueTimersAsync(int partition, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ReadDueTimersAsync(partition, maxEntries, now, cancellationToken);

    public Task<IReadOnlyDictionary<string, UserState>> LoadStatesAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _failLoads, 0) == 1)
        {
            Failures++;
            throw new IOException("Injected: the state load failed.");
        }
        return inner.LoadStatesAsync(userIds, cancellationToken);
    }

    public Task CommitAsync(PartitionCommit commit, CancellationToken cancellationToken)
    {
        if (commit.Consumed.Count > 0 && Interlocked.Exchange(ref _failCommits, 0) == 1)
        {
            Failures++;
            throw new IOException("Injected: the commit failed.");
        }
        return inner.CommitAsync(commit, cancellationToken);
    }

    public Task<(IReadOnlyList<int> DuePartitions, DateTimeOffset? NextDue)> DueTimersAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.DueTimersAsync(now, cancellationToken);
}
