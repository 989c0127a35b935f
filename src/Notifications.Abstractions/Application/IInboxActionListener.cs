namespace Notifications.Application;

/// <summary>
/// Told after a user ran an action of an inbox item and the click was recorded (the gateway's action webhook).
/// Best effort: a listener handles its own failures, and the user's answer never waits for it.
/// </summary>
public interface IInboxActionListener
{
    void OnAction(string userId, Guid notificationId, string actionId, DateTimeOffset at);
}
