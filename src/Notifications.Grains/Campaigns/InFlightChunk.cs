namespace Notifications.Grains.Campaigns;

/// <summary>
/// A published chunk not yet reported done. It is kept as its directory range (<see cref="After"/>, <see cref="Last"/>]
/// of its wave rather than its user ids, so the state stays small however large the chunk; <see cref="Only"/> narrows
/// a retry to the recipients whose grains could not take it.
/// </summary>
public sealed record InFlightChunk(long Sequence, int Wave, string? After, string Last, int Count, DateTimeOffset PublishedAt, int Attempts)
{
    public IReadOnlyList<string>? Only { get; init; }
}
