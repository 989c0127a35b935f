using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>Told about every committed batch, after the commit: wakes delivery workers, timers and live connections.</summary>
internal interface ICommitObserver
{
    void OnCommitted(PartitionCommit commit);
}
