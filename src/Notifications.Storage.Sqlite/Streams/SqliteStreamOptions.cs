using Notifications.Grains.Storage.Streams;

namespace Notifications.Storage.Sqlite.Streams;

/// <summary>
/// Options of one SQLite persistent-stream provider. Its queues live in the silo's SQLite file
/// (Storage:Sqlite:Path) and its writes go through the silo's one writer, so they group-commit with grain state.
/// </summary>
public sealed class SqliteStreamOptions
{
    /// <summary>
    /// Queues the provider's streams are hashed over; each queue has one pulling agent and keeps its order. Changing
    /// it while events are pending leaves the events of queues past the new count unread until it is changed back.
    /// </summary>
    public int QueueCount { get; set; } = 4;

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
    /// The writer lane of enqueues and acknowledgements. Bulk by default: campaign fan-out must never delay a
    /// critical user turn that waits for the same writer.
    /// </summary>
    public Priority WriteLane { get; set; } = Priority.Bulk;

    internal StreamQueueLimits Limits => new("SQLite", QueueCount, BatchSize, CacheSize, MaxMessageBytes);
}
