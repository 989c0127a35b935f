using Notifications.Api;
using Notifications.Domain.Segments;

namespace Notifications.Grains.Campaigns;

/// <summary>
/// A validated campaign as its grain keeps it. <see cref="Send"/> is the notification every recipient gets, its user id
/// and idempotency key filled in per recipient.
/// </summary>
public sealed record CampaignDefinition(
    string Name,
    SegmentSpec Segment,
    SegmentRule Rule,
    SendNotificationRequest Send,
    int RatePerSecond,
    CampaignSchedule? Schedule,
    DateTimeOffset CreatedAt);
