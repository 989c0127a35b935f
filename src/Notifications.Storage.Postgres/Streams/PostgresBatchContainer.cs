using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Notifications.Storage.Postgres.Streams;

/// <summary>
/// One queue row as Orleans delivers it. Row numbers (<c>seq</c>) count per queue, so two queues have rows with the
/// same number; the token is <c>seq × MaxQueueCount + queue</c>, which keeps it increasing within a queue and makes
/// it unique across the provider's queues, so consumers can tell a redelivered event from a new one. Each event of
/// the row gets the token and its index. Serialisable because the pulling agent hands it to consumers on other silos.
/// </summary>
[GenerateSerializer]
[Alias("notifications.postgres-batch-container")]
internal sealed class PostgresBatchContainer(PostgresStreamMessageBody body, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)]
    public PostgresStreamMessageBody Body { get; } = body;

    [Id(1)]
    public EventSequenceTokenV2 Token { get; } = token;

    /// <summary>The queue row's number within its queue; its acknowledgement deletes that row.</summary>
    public long Seq => Token.SequenceNumber / PostgresStreamOptions.MaxQueueCount;

    public StreamId StreamId => Body.StreamId;

    public StreamSequenceToken SequenceToken => Token;

    public static EventSequenceTokenV2 TokenFor(int queue, long seq) => new(checked(seq * PostgresStreamOptions.MaxQueueCount + queue));

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Body.Events
            .Select((item, index) => (item, index))
            .Where(pair => pair.item is T)
            .Select(pair => Tuple.Create((T)pair.item, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(pair.index)));

    public bool ImportRequestContext()
    {
        if (Body.RequestContext is null)
        {
            return false;
        }
        RequestContextExtensions.Import(Body.RequestContext);
        return true;
    }

    public override string ToString() => $"[PostgresBatchContainer stream={StreamId} seq={Seq} events={Body.Events.Count}]";
}
