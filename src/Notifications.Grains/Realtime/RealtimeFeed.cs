using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Notifications.Api;

namespace Notifications.Grains.Realtime;

/// <summary>
/// This silo's end of the users' live events: one observer object for the whole silo, subscribed to the grain of
/// every user someone here follows, wherever in the cluster that grain lives. Subscriptions are renewed well inside
/// the grain's observer lifetime, which also brings them back after the grain moved to another silo.
/// </summary>
internal sealed partial class RealtimeFeed(IGrainFactory grains, UserGrains users, RealtimeBus bus, ILogger<RealtimeFeed> logger) : IUserObserver, IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, byte> _followed = new(StringComparer.Ordinal);
    private IUserObserver? _reference;
    private ITimer? _renewal;

    /// <summary>Subscribes before it answers, so the counts it returns and the events after them leave no gap.</summary>
    public async Task<(RealtimeBus.Subscription Subscription, InboxCounts Counts)> FollowAsync(string userId, CancellationToken cancellationToken)
    {
        var subscription = bus.Subscribe(userId);
        try
        {
            _followed[userId] = 0;
            var counts = await users.Get(userId).SubscribeAsync(Reference).WaitAsync(cancellationToken).ConfigureAwait(false);
            subscription.Disposed = () => Unfollow(userId);
            return (subscription, counts);
        }
        catch
        {
            subscription.Dispose();
            Unfollow(userId);
            throw;
        }
    }

    Task IUserObserver.OnEventAsync(string userId, RealtimeEvent realtimeEvent)
    {
        bus.Publish(userId, realtimeEvent);
        return Task.CompletedTask;
    }

    private IUserObserver Reference
    {
        get
        {
            lock (_gate)
            {
                if (_reference is null)
                {
                    _reference = grains.CreateObjectReference<IUserObserver>(this);
                    // Infrastructure time, not the domain's: observer lifetimes in the grains run on the real clock too.
                    _renewal = TimeProvider.System.CreateTimer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
                }
                return _reference;
            }
        }
    }

    private void Unfollow(string userId)
    {
        if (bus.HasSubscribers(userId) || !_followed.TryRemove(userId, out _))
        {
            return;
        }
        users.Get(userId).UnsubscribeAsync(Reference).Ignore();
    }

    private async Task RenewAsync()
    {
        foreach (var userId in _followed.Keys)
        {
            try
            {
                await users.Get(userId).SubscribeAsync(Reference).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                LogRenewFailed(logger, exception, userId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_renewal is not null)
        {
            await _renewal.DisposeAsync().ConfigureAwait(false);
        }
        if (_reference is not null)
        {
            grains.DeleteObjectReference<IUserObserver>(_reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the live subscription to user {UserId}; retried at the next renewal.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string userId);
}
