namespace Notifications.Runtime.Storage;

/// <summary>The durable, per-partition ordered command streams.</summary>
public interface ICommandLog
{
    /// <summary>
    /// Appends commands durably (the returned task completes only after they are on disk), in order,
    /// reserving idempotency keys in the same transaction. Results are in the order of <paramref name="commands"/>.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<NewCommand> commands, DateTimeOffset now, CancellationToken cancellationToken);
}
