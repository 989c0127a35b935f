using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// The failure handler of our durable queue adapters (SQLite and PostgreSQL), called when Orleans gave up delivering an
/// event to a consumer (its retries exhausted). The subscription keeps going, so one poisonous event does not stop a
/// campaign; the event's row is not acknowledged, so it stays in its table and the queue's next receiver (after a
/// restart or a handover) delivers it again.
/// </summary>
public sealed partial class KeepQueuedStreamFailureHandler(ILogger<KeepQueuedStreamFailureHandler> logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailed(logger, streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamProviderName, streamIdentity, sequenceToken, subscriptionId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: delivering {Stream} at {Token} to subscription {Subscription} failed; the event stays queued and is redelivered by the queue's next receiver.")]
    private static partial void LogDeliveryFailed(ILogger logger, string provider, StreamId stream, StreamSequenceToken? token, GuidId subscription);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream provider {Provider}: subscription {Subscription} to {Stream} failed at {Token}.")]
    private static partial void LogSubscriptionFailed(ILogger logger, string provider, StreamId stream, StreamSequenceToken? token, GuidId subscription);
}
