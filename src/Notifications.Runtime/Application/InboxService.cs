using System.Runtime.CompilerServices;
using Notifications.Api;
using Notifications.Runtime.Realtime;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Application;

internal sealed class InboxService(IInboxStore inbox, RealtimeBus realtime, TimeProvider time) : IInboxService
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

    public async Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var changed = await inbox.SetReadAsync(userId, notificationId, read, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            await PublishUnreadAsync(userId, cancellationToken).ConfigureAwait(false);
        }
        return changed;
    }

    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var updated = await inbox.MarkAllReadAsync(userId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await PublishUnreadAsync(userId, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public async IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        // Subscribe before reading the count, so nothing committed in between is missed.
        using var subscription = realtime.Subscribe(userId);
        var unread = await inbox.UnreadCountAsync(userId, cancellationToken).ConfigureAwait(false);
        yield return new RealtimeEvent("unread", null, unread);
        await foreach (var realtimeEvent in subscription.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return realtimeEvent;
        }
    }

    private async Task PublishUnreadAsync(string userId, CancellationToken cancellationToken)
    {
        if (realtime.HasSubscribers(userId))
        {
            realtime.Publish(userId, new RealtimeEvent("unread", null, await inbox.UnreadCountAsync(userId, cancellationToken).ConfigureAwait(false)));
        }
    }
}
