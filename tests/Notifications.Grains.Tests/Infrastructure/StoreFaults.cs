using Notifications.Grains.Users;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The test's switch for <see cref="FlakyEffectStore"/> and <see cref="FlakyGrainStorage"/>: the next record write,
/// or the next grain-state write, of one user fails once, on whichever silo it happens; or that write waits until the
/// test releases it.
/// </summary>
public sealed class StoreFaults
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _effects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _trips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StateWriteHold> _holds = new(StringComparer.Ordinal);

    public void FailNextApply(string userId)
    {
        lock (_lock)
        {
            _effects.Add(userId);
        }
    }

    public void FailNextStateWrite(string userId)
    {
        lock (_lock)
        {
            _states.Add(userId);
        }
    }

    public StateWriteHold HoldNextStateWrite(string userId)
    {
        var hold = new StateWriteHold();
        lock (_lock)
        {
            _holds.Add(userId, hold);
        }
        return hold;
    }

    /// <summary>How many injected failures this user's writes met.</summary>
    public int Trips(string userId)
    {
        lock (_lock)
        {
            return _trips.GetValueOrDefault(userId);
        }
    }

    /// <summary>True (and disarmed) when these effects belong to a user armed to fail.</summary>
    internal bool TripApply(PendingEffects effects) =>
        Trip(_effects, effects.Notifications.Select(n => n.UserId)
            .Concat(effects.Inbox.Select(i => i.UserId))
            .Concat(effects.Deliveries.Select(d => d.UserId)));

    internal bool TripStateWrite(string userId) => Trip(_states, [userId]);

    /// <summary>The hold armed for this user's next state write, if any (and disarmed).</summary>
    internal StateWriteHold? TakeHold(string userId)
    {
        lock (_lock)
        {
            return _holds.Remove(userId, out var hold) ? hold : null;
        }
    }

    private bool Trip(HashSet<string> armed, IEnumerable<string> users)
    {
        lock (_lock)
        {
            foreach (var user in users.Distinct(StringComparer.Ordinal))
            {
                if (armed.Remove(user))
                {
                    _trips[user] = _trips.GetValueOrDefault(user) + 1;
                    return true;
                }
            }
            return false;
        }
    }
}
