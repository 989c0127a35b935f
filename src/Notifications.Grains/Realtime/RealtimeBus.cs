using System.Collections.Concurrent;
using System.Threading.Channels;
using Notifications.Api;

namespace Notifications.Grains.Realtime;

/// <summary>In-process fan-out of live events to each user's open connections on this silo (SSE, SignalR, gRPC streams).</summary>
internal sealed class RealtimeBus
{
    /// <summary>A slow connection loses its oldest events rather than holding up everyone else.</summary>
    private const int BufferPerConnection = 256;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<RealtimeEvent>, byte>> _subscribers = new(StringComparer.Ordinal);

    public bool HasSubscribers(string userId) => _subscribers.TryGetValue(userId, out var set) && !set.IsEmpty;

    public Subscription Subscribe(string userId)
    {
        var channel = Channel.CreateBounded<RealtimeEvent>(new BoundedChannelOptions(BufferPerConnection) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _subscribers.GetOrAdd(userId, _ => new()).TryAdd(channel, 0);
        return new Subscription(this, userId, channel);
    }

    public void Publish(string userId, RealtimeEvent realtimeEvent)
    {
        if (!_subscribers.TryGetValue(userId, out var set))
        {
            return;
        }
        foreach (var channel in set.Keys)
        {
            channel.Writer.TryWrite(realtimeEvent);
        }
    }

    private void Unsubscribe(string userId, Channel<RealtimeEvent> channel)
    {
        if (_subscribers.TryGetValue(userId, out var set))
        {
            set.TryRemove(channel, out _);
            channel.Writer.TryComplete();
            if (set.IsEmpty)
            {
                _subscribers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Channel<RealtimeEvent>, byte>>(userId, set));
            }
        }
    }

    public sealed class Subscription(RealtimeBus bus, string userId, Channel<RealtimeEvent> channel) : IDisposable
    {
        public ChannelReader<RealtimeEvent> Events => channel.Reader;

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
