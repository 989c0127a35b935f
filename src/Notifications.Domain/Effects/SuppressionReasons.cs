namespace Notifications.Domain.Effects;

/// <summary>Why a notification was <see cref="NotificationStatus.Suppressed"/>.</summary>
public static class SuppressionReasons
{
    /// <summary>Quiet hours (drop mode) left no channel to send on.</summary>
    public const string QuietHours = "quiet_hours";
    /// <summary>The user's preferences allow none of the requested channels for the category.</summary>
    public const string Preferences = "preferences";
    /// <summary>Allowed channels, but the user has no device or address on them.</summary>
    public const string NoTarget = "no_target";
    /// <summary>The idempotency key was used already inside its window: the first send stands.</summary>
    public const string Duplicate = "duplicate";
}
