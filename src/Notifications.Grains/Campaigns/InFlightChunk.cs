namespace Notifications.Grains.Campaigns;

/// <summary>
/// A published chunk not yet reported done. It is kept as its directory range (<see cref="After"/>, <see cref="Last"/>]
/// of its wave rather than its user ids, so the state stays small however large the chunk; <see cref="Only"/> narrows
/// a retry to the recipients whose grains could not take it, or a held chunk with such recipients to them and the
/// ones its consumer had not reached. <see cref="Count"/> is how many recipients it holds now.
/// </summary>
public sealed record InFlightChunk(long Sequence, int Wave, string? After, string Last, int Count, DateTimeOffset PublishedAt, int Attempts)
{
    public IReadOnlyList<string>? Only { get; init; }

    /// <summary>
    /// What is left once a held consumer finished every recipient up to <paramref name="through"/>: the ones after it
    /// (<paramref name="rest"/>, in id order) and the finished ones that failed. Without failures it stays a range, so a
    /// pause adds nothing to the state. Null when nothing is left.
    /// </summary>
    public InFlightChunk? Past(string through, IReadOnlyList<string> failed, IReadOnlyList<string> rest)
    {
        if (failed.Count + rest.Count == 0)
        {
            return null;
        }
        if (failed.Count == 0 && Only is null)
        {
            return this with { After = through, Count = rest.Count };
        }
        // Failed ids all come before through and rest after it: the list stays in id order.
        IReadOnlyList<string> only = [.. failed, .. rest];
        return this with { Only = only, Count = only.Count };
    }
}
