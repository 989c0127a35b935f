namespace Notifications.Grains.Storage;

/// <summary>
/// Per campaign, counted from records. Processed: notifications its recipients' grains recorded. Suppressed,
/// deferred (held by quiet hours), digested: by the record's status. Delivered: in the inbox or accepted by a provider;
/// opened and clicked: by the inbox row or a provider's tracking; failed: not delivered on any channel and failed on one.
/// </summary>
public sealed record CampaignFunnel(long Processed, long Suppressed, long Deferred, long Digested, long Delivered, long Opened, long Clicked, long Failed)
{
    public static readonly CampaignFunnel Empty = new(0, 0, 0, 0, 0, 0, 0, 0);
}
