using Notifications.Domain.State;

namespace Notifications.Grains.Users;

/// <summary>
/// What a user's grain persists in one write: the domain state, the effects of turns not yet known to be in the
/// record store, and the durable timers. Writing effects with the state makes that write the turn's commit;
/// whichever provider holds grain state, a silo that dies before the effects reached the records replays them.
/// </summary>
public sealed class UserGrainState
{
    public UserState? User { get; set; }
    public List<PendingEffects> Pending { get; set; } = [];
    public List<DurableTimer> Timers { get; set; } = [];
    /// <summary>Numbers turns whose effects are pending, so a replay can tell them apart.</summary>
    public long LastTurn { get; set; }
}
