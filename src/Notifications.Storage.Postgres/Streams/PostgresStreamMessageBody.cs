namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// What a queue row's payload holds: one <c>OnNextBatchAsync</c> call's events, in Orleans' binary format (the
/// events are the application's serialisable types). The sequence token is not stored: it derives from the row's key.
/// </summary>
[GenerateSerializer]
[Alias("notifications.postgres-stream-message")]
internal sealed class PostgresStreamMessageBody(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public List<object> Events { get; } = events;

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; } = requestContext;
}
