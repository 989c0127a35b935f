namespace Notifications.Grains.Campaigns;

/// <summary>
/// Recipients released together: all of the segment at one instant, or, for a local-time schedule, the users of the
/// zones whose clocks read the campaign's time at <see cref="ReleaseAt"/> (null in <see cref="TimeZones"/>: no zone).
/// </summary>
public sealed record CampaignWave(DateTimeOffset ReleaseAt, IReadOnlyList<string?>? TimeZones);
