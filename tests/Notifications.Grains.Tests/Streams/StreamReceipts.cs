using System.Collections.Concurrent;
using Orleans.Streams;

namespace Notifications.Grains.Tests.Streams;

/// <summary>
/// What the consumer grains received, kept in the test process so it outlives the silos that are killed and
/// restarted. Each test uses its own stream keys, so tests read only their own receipts.
/// </summary>
public static class StreamReceipts
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Receipt>> ByStream = new(StringComparer.Ordinal);

    public static void Record(string streamKey, string item, StreamSequenceToken? token) =>
        ByStream.GetOrAdd(streamKey, _ => new ConcurrentQueue<Receipt>()).Enqueue(new Receipt(item, token));

    /// <summary>The events received on the stream, in arrival order, redeliveries included.</summary>
    public static IReadOnlyList<Receipt> Of(string streamKey) => ByStream.TryGetValue(streamKey, out var receipts) ? receipts.ToArray() : [];

    public sealed record Receipt(string Item, StreamSequenceToken? Token);
}
