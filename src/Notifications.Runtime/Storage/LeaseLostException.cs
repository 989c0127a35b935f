namespace Notifications.Runtime.Storage;

/// <summary>A commit was refused because another owner holds the partition now; the batch must be dropped.</summary>
public sealed class LeaseLostException(int partition, long epoch)
    : Exception($"Partition {partition} is no longer owned at epoch {epoch}.")
{
    public int Partition { get; } = partition;
    public long Epoch { get; } = epoch;
}
