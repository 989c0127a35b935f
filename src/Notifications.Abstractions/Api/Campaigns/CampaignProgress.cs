namespace Notifications.Api;

/// <summary>
/// Targeted: recipients the campaign selected and handed on so far. The rest are counted from the notification records
/// the recipients' grains wrote: processed (recorded), suppressed (preferences, no target), deferred (quiet hours),
/// digested, delivered (inbox or provider accepted), opened, clicked, failed (no channel delivered, one failed).
/// </summary>
public sealed record CampaignProgress(long Targeted, long Processed, long Suppressed, long Deferred, long Digested, long Delivered, long Opened, long Clicked, long Failed);
