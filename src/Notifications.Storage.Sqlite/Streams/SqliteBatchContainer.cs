using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Notifications.Storage.Sqlite.Streams;

/// <summary>
/// One queue row as Orleans delivers it. The token is the row's id (per-queue increasing, never reused), so
/// consumers can tell a redelivered event from a new one; each event of the row gets the id and its index.
/// Serialisable because the pulling agent hands it to consumers on other silos.
/// </summary>
[GenerateSerializer]
[Alias("notifications.sqlite-batch-container")]
internal sealed class SqliteBatchContainer(SqliteStreamMessageBody body, EventSequenceTokenV2 token) : IBatchContainer
{
    [Id(0)]
    public SqliteStreamMessageBody Body { get; } = body;

    [Id(1)]
    public EventSequenceTokenV2 Token { get; } = token;

    /// <summary>The queue row this batch was read from; its acknowledgement deletes that row.</summary>
    public long RowId => Token.SequenceNumber;

    public StreamId StreamId => Body.StreamId;

    public StreamSequenceToken SequenceToken => Token;

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

    public override string ToString() => $"[SqliteBatchContainer stream={StreamId} row={RowId} events={Body.Events.Count}]";
}
