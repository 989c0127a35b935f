using Notifications.Delivery;

namespace Notifications.Channels.Common;

/// <summary>Turns transport failures (no answer at all from the provider) into outcomes instead of exceptions.</summary>
internal static class HttpFailures
{
    public static DeliveryOutcome? Classify(Exception exception, CancellationToken callerToken)
    {
        return exception switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            OperationCanceledException => DeliveryOutcome.Transient("provider did not answer in time"),
            HttpRequestException http => DeliveryOutcome.Transient($"provider unreachable: {http.Message}"),
            IOException io => DeliveryOutcome.Transient($"connection to provider failed: {io.Message}"),
            _ => null,
        };
    }
}
