namespace Notifications.Domain.Effects;

public static class NotificationStatus
{
    /// <summary>Acknowledged, not yet processed by its grain.</summary>
    public const string Accepted = "accepted";
    public const string Dispatched = "dispatched";
    /// <summary>Held by quiet hours until a timer releases it.</summary>
    public const string Deferred = "deferred";
    /// <summary>Folded into a digest window (by its digest key, its category's cadence or the rate limit).</summary>
    public const string Digested = "digested";
    /// <summary>No channel was both requested and allowed: nothing was sent.</summary>
    public const string Suppressed = "suppressed";
}
