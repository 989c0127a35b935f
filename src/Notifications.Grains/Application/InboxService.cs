using System.Runtime.CompilerServices;
using Notifications.Api;
using Notifications.Grains;
using Notifications.Grains.Realtime;
using Notifications.Grains.Storage;

namespace Notifications.Application;

/// <summary>Reads the inbox from the record store; changes go through the user's grain, the inbox's only writer.</summary>
internal sealed class InboxService(IInboxStore inbox, UserGrains users, RealtimeFeed feed) : IInboxService
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("limit", $"limit must be between 1 and {MaxPageSize}.");
        }
        if (cursor is not null && !InboxCursor.TryDecode(cursor, out _))
        {
            throw new ValidationFailedException("cursor", "cursor is not one this API returned.");
        }
        return inbox.ListAsync(userId, cursor, limit ?? DefaultPageSize, cancellationToken);
    }

    public Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return users.Get(userId).SetReadAsync(notificationId, read).WaitAsync(cancellationToken);
    }

    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return users.Get(userId).MarkAllReadAsync().WaitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var (subscription, unread) = await feed.FollowAsync(userId, cancellationToken).ConfigureAwait(false);
        using (subscription)
        {
            yield return new RealtimeEvent("unread", null, unread);
            await foreach (var realtimeEvent in subscription.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return realtimeEvent;
            }
        }
    }
}
