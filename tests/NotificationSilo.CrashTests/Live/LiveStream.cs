using System.Collections.Concurrent;
using System.Text.Json;
using Notifications.Testing;

namespace NotificationSilo.CrashTests.Live;

/// <summary>
/// A live connection the test holds open on one silo and reads in the background: when each notification arrived,
/// and how many count ("unread") events came. A connection that broke says so instead of looking merely quiet.
/// </summary>
public abstract class LiveStream(string name) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _arrived = new();
    private int _unreadEvents;
    private volatile Exception? _broken;

    public string Name { get; } = name;

    public int UnreadEvents => Volatile.Read(ref _unreadEvents);

    public bool Has(Guid notificationId) => _arrived.ContainsKey(notificationId);

    /// <summary>When <paramref name="notificationId"/> arrived, waiting for it at most <paramref name="within"/>.</summary>
    public async Task<DateTimeOffset> ArrivalOfAsync(Guid notificationId, TimeSpan within)
    {
        await Eventually.Until(() => _broken is not null || Has(notificationId), $"notification {notificationId} on {Name}", within);
        return _broken is { } broken ? throw new InvalidOperationException($"{Name} broke off.", broken) : _arrived[notificationId];
    }

    /// <summary>Waits until the stream has had more than <paramref name="seen"/> count events.</summary>
    public Task UnreadEventAfterAsync(int seen, TimeSpan within) =>
        Eventually.Until(() => _broken is not null || UnreadEvents > seen, $"a fresh unread event on {Name}", within);

    /// <summary>Takes one event's JSON (a RealtimeEvent as the API writes it).</summary>
    protected void OnEvent(string kind, JsonElement realtimeEvent)
    {
        if (kind == "unread")
        {
            Interlocked.Increment(ref _unreadEvents);
        }
        else if (kind == "notification")
        {
            _arrived.TryAdd(realtimeEvent.GetProperty("notification").GetProperty("id").GetGuid(), DateTimeOffset.UtcNow);
        }
    }

    protected void OnBroken(Exception exception) => _broken ??= exception;

    public abstract ValueTask DisposeAsync();
}
