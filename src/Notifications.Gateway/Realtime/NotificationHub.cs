using Microsoft.AspNetCore.SignalR;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Realtime;

/// <summary>
/// SignalR view of the live stream. A user-token connection follows its own user at once; a producer with the
/// manage scope calls <see cref="Watch"/> for the users it wants. Events arrive as methods named after
/// <see cref="RealtimeEvent.Kind"/> ("unread", "notification", "updated") with the event as the argument.
/// </summary>
internal sealed class NotificationHub(UserEventRelay relay, IInboxService inbox) : Hub
{
    private const string WatchedKey = "watched";

    public override async Task OnConnectedAsync()
    {
        if (Caller.UserId is { } userId)
        {
            await StartWatchingAsync(userId);
        }
        await base.OnConnectedAsync();
    }

    public async Task Watch(string userId)
    {
        if (!Caller.CanActFor(userId))
        {
            throw new HubException("Forbidden: a user token follows only its own user; producers need the manage scope.");
        }
        await StartWatchingAsync(userId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var userId in Watched)
        {
            await relay.ReleaseAsync(userId);
        }
        Watched.Clear();
        await base.OnDisconnectedAsync(exception);
    }

    private Caller Caller =>
        Context.User.FindCaller() ?? throw new HubException("Unauthorized.");

    private HashSet<string> Watched
    {
        get
        {
            if (Context.Items.TryGetValue(WatchedKey, out var value) && value is HashSet<string> set)
            {
                return set;
            }
            var created = new HashSet<string>(StringComparer.Ordinal);
            Context.Items[WatchedKey] = created;
            return created;
        }
    }

    private async Task StartWatchingAsync(string userId)
    {
        if (!Watched.Add(userId))
        {
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, UserEventRelay.GroupOf(userId), Context.ConnectionAborted);
        await relay.AcquireAsync(userId, Context.ConnectionAborted);
        // The relay's stream may have started long ago; a newcomer still needs the count to draw its badge.
        var counts = await inbox.CountsAsync(userId, Context.ConnectionAborted);
        await Clients.Caller.SendAsync(RealtimeKinds.Unread, new RealtimeEvent(RealtimeKinds.Unread, null, counts.Unread) { UnseenCount = counts.Unseen }, Context.ConnectionAborted);
    }
}
