using Notifications.Domain.Effects;
using Notifications.Domain.State;

namespace Notifications.Runtime.Storage;

/// <summary>One processed batch: consumed entries, the new grain states and their effects, committed atomically.</summary>
/// <param name="Epoch">The owner's lease epoch; the store refuses the commit if the lease moved on (fencing).</param>
public sealed record PartitionCommit(
    int Partition,
    long Epoch,
    IReadOnlyList<StreamEntry> Consumed,
    IReadOnlyList<UserState> States,
    GrainEffects Effects);
