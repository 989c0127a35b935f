using Notifications.Delivery;

namespace Notifications.Grains.Operations;

/// <summary>One channel's attempts in one lane on one silo, by what became of them.</summary>
public sealed record ChannelCounters(DeliveryChannel Channel, Priority Lane, long Delivered, long Retried, long Failed, long DeadLettered);
