using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Notifications.Application;

namespace Notifications.Gateway.Realtime;

/// <summary>
/// One inbox watch per followed user on this silo, fanned out to the user's SignalR group, however many
/// connections follow them. The watch stops when the last of them leaves.
/// </summary>
internal sealed partial class UserEventRelay(
    IHubContext<NotificationHub> hub,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<UserEventRelay> logger) : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Watch> _watches = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public static string GroupOf(string userId) => "user:" + userId;

    /// <summary>
    /// Follows a user; completes once the relay is subscribed, so nothing committed after this returns can be
    /// missed by the group.
    /// </summary>
    public Task AcquireAsync(string userId, CancellationToken cancellationToken)
    {
        Watch? watch;
        lock (_gate)
        {
            if (_watches.TryGetValue(userId, out watch))
            {
                watch.Followers++;
            }
            else
            {
                var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                watch = new Watch(cancellation) { Followers = 1 };
                _watches[userId] = watch;
                var started = watch;
                watch.Loop = Task.Run(() => RelayAsync(userId, started, cancellation.Token));
            }
        }
        return watch.Live.Task.WaitAsync(SubscribeTimeout, cancellationToken);
    }

    public async Task ReleaseAsync(string userId)
    {
        Watch? ended = null;
        lock (_gate)
        {
            if (_watches.TryGetValue(userId, out var watch) && --watch.Followers == 0)
            {
                _watches.Remove(userId);
                ended = watch;
            }
        }
        if (ended is not null)
        {
            await ended.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Watch[] all;
        lock (_gate)
        {
            all = [.. _watches.Values];
            _watches.Clear();
        }
        foreach (var watch in all)
        {
            await watch.StopAsync();
        }
        _stopping.Dispose();
    }

    private async Task RelayAsync(string userId, Watch watch, CancellationToken cancellationToken)
    {
        var group = hub.Clients.Group(GroupOf(userId));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var inbox = scope.ServiceProvider.GetRequiredService<IInboxService>();
                await foreach (var item in inbox.WatchAsync(userId, cancellationToken))
                {
                    // The stream opens with the current count once it is subscribed. Each follower gets its own
                    // count from the hub as it joins, so the first one only says the relay is live.
                    if (watch.Live.TrySetResult())
                    {
                        continue;
                    }
                    await group.SendAsync(item.Kind, item, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogRelayFailed(logger, exception, userId);
                try
                {
                    await Task.Delay(RetryDelay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live relay for user {UserId} failed; restarting it.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string userId);

    private sealed class Watch(CancellationTokenSource cancellation)
    {
        public int Followers { get; set; }

        public Task Loop { get; set; } = Task.CompletedTask;

        public TaskCompletionSource Live { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task StopAsync()
        {
            await cancellation.CancelAsync();
            await Loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellation.Dispose();
        }
    }
}
