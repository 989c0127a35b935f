using Notifications.Delivery;

namespace Notifications.Api.Operations;

/// <summary>One channel in one lane: sends and the jobs waiting in the outbox (queued or being sent).</summary>
public sealed record ChannelActivity(
    DeliveryChannel Channel,
    Priority Lane,
    long Delivered,
    long Retried,
    long Failed,
    long DeadLettered,
    long OutboxDepth);
