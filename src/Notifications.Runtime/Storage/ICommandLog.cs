namespace Notifications.Runtime.Storage;

/// <summary>The durable, per-partition ordered command streams.</summary>
public interface ICommandLog
{
    /// <summary>
    /// True when this log has a single appender (this process) and gives every committed append to the
    /// <see cref="IAppendObserver"/> in order, so a caught-up processor need not read its stream back.
    /// </summary>
    bool HandsOffAppends { get; }

    /// <summary>
    /// Appends commands durably (the returned task completes only after they are on disk), in order,
    /// reserving idempotency keys in the same transaction. Results are in the order of <paramref name="commands"/>.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<NewCommand> commands, DateTimeOffset now, CancellationToken cancellationToken);
}
