using Notifications.Grains.Users;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>The test's switch for <see cref="FlakyEffectStore"/>: the next record write of one user fails, once.</summary>
public sealed class EffectFaults
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _armed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tripped = new(StringComparer.Ordinal);

    public void FailNextApply(string userId)
    {
        lock (_lock)
        {
            _armed.Add(userId);
        }
    }

    public int Trips(string userId)
    {
        lock (_lock)
        {
            return _tripped.GetValueOrDefault(userId);
        }
    }

    /// <summary>True (and disarmed) when these effects belong to a user armed to fail.</summary>
    internal bool Trip(PendingEffects effects)
    {
        var users = effects.Notifications.Select(n => n.UserId)
            .Concat(effects.Inbox.Select(i => i.UserId))
            .Concat(effects.Deliveries.Select(d => d.UserId));
        lock (_lock)
        {
            foreach (var user in users.Distinct(StringComparer.Ordinal))
            {
                if (_armed.Remove(user))
                {
                    _tripped[user] = _tripped.GetValueOrDefault(user) + 1;
                    return true;
                }
            }
            return false;
        }
    }
}
