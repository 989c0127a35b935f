namespace Notifications.Model;

/// <summary>A daily local window [Start, End) in the user's time zone, "HH:mm". Start after End wraps midnight.</summary>
public sealed record QuietHours(string Start, string End, QuietHoursMode Mode = QuietHoursMode.Defer);
