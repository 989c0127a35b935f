using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Notifications.Api;
using Orleans.Runtime;

namespace Notifications.Grains.Realtime;

/// <summary>
/// This silo's end of the users' live events: one observer object for the whole silo, subscribed to the grain of
/// every user someone here follows, wherever in the cluster that grain lives. A grain keeps its subscribers in memory
/// only, so a grain lost with its silo comes back knowing none: when the membership declares a silo dead, every
/// followed user is subscribed again at once (which activates the lost grains on the survivors) and its connections
/// catch up from the inbox on what the new activation committed before that. Subscriptions are also renewed well
/// inside the grain's observer lifetime, the backstop for a grain that moved without a silo dying.
/// </summary>
internal sealed partial class RealtimeFeed(
    IGrainFactory grains, UserGrains users, RealtimeBus bus, IClusterMembershipService membership, ILogger<RealtimeFeed> logger)
    : IUserObserver, IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    /// <summary>Right after a death the directory may still route to the dead silo for a moment: retried this often.</summary>
    private static readonly TimeSpan ResubscribeRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ResubscribeFor = TimeSpan.FromSeconds(30);
    private const int ResubscribeParallelism = 16;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, byte> _followed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private IUserObserver? _reference;
    private ITimer? _renewal;
    private Task _membershipWatch = Task.CompletedTask;

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
                    _membershipWatch = Task.Run(() => WatchMembershipAsync(_stopping.Token));
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

    private async Task WatchMembershipAsync(CancellationToken cancellationToken)
    {
        try
        {
            var previous = membership.CurrentSnapshot;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var update = snapshot.CreateUpdate(previous);
                previous = snapshot;
                var dead = update.Changes.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToList();
                if (dead.Count > 0)
                {
                    LogResubscribing(logger, string.Join(", ", dead), _followed.Count);
                    await ResubscribeAllAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private Task ResubscribeAllAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(_followed.Keys, new ParallelOptions { MaxDegreeOfParallelism = ResubscribeParallelism, CancellationToken = cancellationToken }, async (userId, ct) =>
        {
            var giveUpAt = TimeProvider.System.GetUtcNow() + ResubscribeFor;
            while (_followed.ContainsKey(userId))
            {
                try
                {
                    var counts = await users.Get(userId).SubscribeAsync(Reference).WaitAsync(ct).ConfigureAwait(false);
                    bus.CatchUp(userId, new RealtimeEvent(RealtimeKinds.Unread, null, counts.Unread) { UnseenCount = counts.Unseen });
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    if (TimeProvider.System.GetUtcNow() >= giveUpAt)
                    {
                        LogRenewFailed(logger, exception, userId);
                        return;
                    }
                    await Task.Delay(ResubscribeRetry, TimeProvider.System, ct).ConfigureAwait(false);
                }
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _membershipWatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        if (_renewal is not null)
        {
            await _renewal.DisposeAsync().ConfigureAwait(false);
        }
        if (_reference is not null)
        {
            grains.DeleteObjectReference<IUserObserver>(_reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo(s) {Silos} died: subscribing again to the {Count} followed user(s), whose grains may have been there.")]
    private static partial void LogResubscribing(ILogger logger, string silos, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the live subscription to user {UserId}; retried at the next renewal.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string userId);
}
