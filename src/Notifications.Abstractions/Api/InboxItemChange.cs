namespace Notifications.Api;

/// <summary>
/// A validated change of one inbox item, applied in one turn of the user's grain. <see cref="Snooze"/> says whether
/// the snooze changes at all; then a null <see cref="SnoozedUntil"/> un-snoozes.
/// </summary>
public sealed record InboxItemChange(bool? Read = null, bool? Archived = null, bool Snooze = false, DateTimeOffset? SnoozedUntil = null);
