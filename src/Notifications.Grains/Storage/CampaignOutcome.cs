namespace Notifications.Grains.Storage;

/// <summary>
/// What a campaign's notification has reached, as the flags its record carries (the stores' <c>outcome</c> column).
/// A flag, once set, stays set: the funnel counts what happened.
/// </summary>
[Flags]
public enum CampaignOutcome
{
    None = 0,

    /// <summary>In the user's inbox, or accepted by a provider on some channel.</summary>
    Delivered = 1,

    /// <summary>Read in the inbox, or reported opened by a provider (an open is also a delivery).</summary>
    Opened = 2,

    /// <summary>Clicked in the inbox or through a provider's tracking (a click is also an open).</summary>
    Clicked = 4,

    /// <summary>Failed, bounced or dead-lettered on some channel; the funnel counts it failed only if never delivered.</summary>
    Failed = 8,
}
