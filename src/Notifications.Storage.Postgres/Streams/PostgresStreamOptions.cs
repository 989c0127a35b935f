using Notifications.Grains.Storage.Streams;

namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// Options of one PostgreSQL persistent-stream provider. Its queues are rows of the cluster's database
/// (Storage:Postgres:ConnectionString), so every silo may publish and any silo may own a queue's pulling agent.
/// </summary>
public sealed class PostgresStreamOptions
{
    /// <summary>
    /// Queues the provider's streams are hashed over; each queue has one pulling agent in the cluster and keeps its
    /// order. Every silo must use the same count. Changing it while events are pending leaves the events of queues
    /// past the new count unread until it is changed back.
    /// </summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>Most rows one read of a queue returns; bounds the memory and the time of one poll.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// Messages held in memory per queue between their read and their acknowledgement (Orleans' queue cache). The
    /// cache takes a tenth of its size per read, so it is at least ten times <see cref="BatchSize"/>.
    /// </summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>The largest serialised message (one <c>OnNextBatchAsync</c> call); a larger one is refused and nothing is stored.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Publishes made while an insert is running wait for the next one and share it: one multi-row INSERT, one
    /// commit. This many inserts of the provider travel at once per silo (one built and sent while the server commits another).
    /// </summary>
    public int EnqueueBatchesInFlight { get; set; } = 2;

    internal StreamQueueLimits Limits => new("PostgreSQL", QueueCount, BatchSize, CacheSize, MaxMessageBytes);
}
