namespace Notifications.Model;

public enum QuietHoursMode
{
    /// <summary>Hold non-critical notifications until the window ends, then deliver them normally.</summary>
    Defer,
    /// <summary>Put non-critical notifications in the inbox at once, without any push, mail or SMS.</summary>
    InboxOnly,
}
