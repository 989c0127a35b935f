using Notifications.Grains.Users;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The test's switch for <see cref="FlakyEffectStore"/> and <see cref="FlakyGrainStorage"/>: the next record write,
/// or the next grain-state write, of one user fails once, on whichever silo it happens.
/// </summary>
public sealed class StoreFaults
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _effects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _trips = new(StringComparer.Ordinal);

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
