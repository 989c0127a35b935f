namespace Notifications.Grains.Storage;

/// <summary>
/// Per campaign, counted from records. Processed: notifications its recipients' grains recorded. Suppressed,
/// deferred (held by quiet hours), digested: by the record's status. Delivered, opened, clicked: the records that have
/// reached that <see cref="CampaignOutcome"/>; failed: failed on a channel and never delivered on any.
/// </summary>
public sealed record CampaignFunnel(long Processed, long Suppressed, long Deferred, long Digested, long Delivered, long Opened, long Clicked, long Failed)
{
    public static readonly CampaignFunnel Empty = new(0, 0, 0, 0, 0, 0, 0, 0);
}
