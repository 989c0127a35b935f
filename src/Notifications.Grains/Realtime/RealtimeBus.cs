using System.Collections.Concurrent;
using System.Threading.Channels;
using Notifications.Api;

namespace Notifications.Grains.Realtime;

/// <summary>In-process fan-out of live events to each user's open connections on this silo (SSE, SignalR, gRPC streams).</summary>
internal sealed class RealtimeBus
{
    /// <summary>A slow connection loses its oldest events rather than holding up everyone else.</summary>
    private const int BufferPerConnection = 256;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<FeedEvent>, byte>> _subscribers = new(StringComparer.Ordinal);

    public bool HasSubscribers(string userId) => _subscribers.TryGetValue(userId, out var set) && !set.IsEmpty;

    public Subscription Subscribe(string userId)
    {
        var channel = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(BufferPerConnection) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers.GetOrAdd(userId, _ => new()).TryAdd(channel, 0);
        return new Subscription(this, userId, channel);
    }

    public void Publish(string userId, RealtimeEvent realtimeEvent) => Write(userId, new FeedEvent(realtimeEvent, CatchUp: false));

    /// <summary>Tells the user's connections to read what they may have missed (see <see cref="FeedEvent.CatchUp"/>).</summary>
    public void CatchUp(string userId, RealtimeEvent counts) => Write(userId, new FeedEvent(counts, CatchUp: true));

    private void Write(string userId, FeedEvent feedEvent)
    {
        if (!_subscribers.TryGetValue(userId, out var set))
        {
            return;
        }
        foreach (var channel in set.Keys)
        {
            channel.Writer.TryWrite(feedEvent);
        }
    }

    private void Unsubscribe(string userId, Channel<FeedEvent> channel)
    {
        if (_subscribers.TryGetValue(userId, out var set))
        {
            set.TryRemove(channel, out _);
            channel.Writer.TryComplete();
            if (set.IsEmpty)
            {
                _subscribers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Channel<FeedEvent>, byte>>(userId, set));
            }
        }
    }

    public sealed class Subscription(RealtimeBus bus, string userId, Channel<FeedEvent> channel) : IDisposable
    {
        public ChannelReader<FeedEvent> Events => channel.Reader;

        /// <summary>Runs after the subscription left the bus.</summary>
        public Action? Disposed { get; set; }

        public void Dispose()
        {
            bus.Unsubscribe(userId, channel);
            Disposed?.Invoke();
            Disposed = null;
        }
    }
}
