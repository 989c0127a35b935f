namespace Notifications.Grains.Storage.Streams;

/// <summary>
/// What a queue row's payload holds: one <c>OnNextBatchAsync</c> call's events, in Orleans' binary format (the
/// events are the application's serialisable types). The sequence token is not stored: it comes from the row's position.
/// </summary>
[GenerateSerializer]
[Alias("notifications.table-queue-message")]
internal sealed class TableQueueMessageBody(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public List<object> Events { get; } = events;

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; } = requestContext;
}
