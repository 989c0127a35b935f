namespace Notifications.Api;

public enum DeliveryTrackResult
{
    /// <summary>The delivery moved to the new status and the transition was logged.</summary>
    Applied,
    /// <summary>The delivery is already at or past that status (a duplicate or late event): nothing changed.</summary>
    Ignored,
    /// <summary>No such delivery.</summary>
    NotFound,
    /// <summary>The provider id is not recorded yet; the event waits for the send to be recorded.</summary>
    Pending,
}
