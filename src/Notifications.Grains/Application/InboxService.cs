using System.Runtime.CompilerServices;
using Notifications.Api;
using Notifications.Grains;
using Notifications.Grains.Realtime;
using Notifications.Grains.Storage;

namespace Notifications.Application;

/// <summary>Reads the inbox from the record store; changes go through the user's grain, the inbox's only writer.</summary>
internal sealed class InboxService(
    IInboxStore inbox,
    UserGrains users,
    RealtimeFeed feed,
    IEnumerable<IInboxActionListener> actionListeners,
    TimeProvider time) : IInboxService
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(30);
    /// <summary>Catch-up is read in pages of this many, so a long absence does not load the inbox at once.</summary>
    private const int CatchUpPage = 100;

    public Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, InboxFilter? filter, CancellationToken cancellationToken)
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
        var query = InboxFilters.Parse(filter, "");
        return inbox.ListAsync(userId, cursor, limit ?? DefaultPageSize, query, time.GetUtcNow(), cancellationToken);
    }

    public Task<InboxCounts> CountsAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return inbox.CountsAsync(userId, time.GetUtcNow(), cancellationToken);
    }

    public Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return users.Get(userId).SetReadAsync(notificationId, read).WaitAsync(cancellationToken);
    }

    public Task<bool> UpdateAsync(string userId, Guid notificationId, InboxUpdateRequest? request, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        if (request is null || (request.Read is null && request.Archived is null && !request.HasSnoozedUntil))
        {
            throw new ValidationFailedException("read", "Give at least one of read, archived and snoozedUntil.");
        }
        if (request.SnoozedUntil is { } until)
        {
            var now = time.GetUtcNow();
            if (until <= now || until > now + MaxSnooze)
            {
                throw new ValidationFailedException("snoozedUntil", "snoozedUntil must be in the future and at most 30 days ahead (null un-snoozes).");
            }
        }
        var change = new InboxItemChange(request.Read, request.Archived, request.HasSnoozedUntil, request.SnoozedUntil);
        return users.Get(userId).UpdateInboxItemAsync(notificationId, change).WaitAsync(cancellationToken);
    }

    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return users.Get(userId).MarkAllReadAsync().WaitAsync(cancellationToken);
    }

    public Task<int> MarkSeenAsync(string userId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        return users.Get(userId).MarkSeenAsync().WaitAsync(cancellationToken);
    }

    public Task<int> BulkAsync(string userId, InboxBulkRequest? request, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var action = request?.Action switch
        {
            "read" => InboxBulkAction.Read,
            "archive" => InboxBulkAction.Archive,
            "unarchive" => InboxBulkAction.Unarchive,
            _ => throw new ValidationFailedException("action", "action must be read, archive or unarchive."),
        };
        var query = InboxFilters.Parse(request!.Filter, "filter.");
        return users.Get(userId).BulkUpdateInboxAsync(action, query).WaitAsync(cancellationToken);
    }

    public async Task<InboxActionResult?> RunActionAsync(string userId, Guid notificationId, string actionId, CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        var result = await users.Get(userId).RunInboxActionAsync(notificationId, actionId).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result is not null)
        {
            var at = time.GetUtcNow();
            foreach (var listener in actionListeners)
            {
                listener.OnAction(userId, notificationId, actionId, at);
            }
        }
        return result;
    }

    public async IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SendRequestValidator.RequireId(userId, "userId");
        if (lastEventId is not null && !InboxCursor.TryDecode(lastEventId, out _))
        {
            throw new ValidationFailedException("lastEventId", "lastEventId is not an event id this API sent.");
        }
        // Subscribed before the catch-up is read: an item committed meanwhile is in the read, the buffer, or both.
        var followedAt = time.GetUtcNow();
        var (subscription, counts) = await feed.FollowAsync(userId, cancellationToken).ConfigureAwait(false);
        using (subscription)
        {
            yield return new RealtimeEvent(RealtimeKinds.Unread, null, counts.Unread) { UnseenCount = counts.Unseen };
            var caughtUp = new HashSet<Guid>();
            // Where a later catch-up starts: after the last item this stream sent, or where it began.
            var sentUpTo = lastEventId ?? InboxCursor.Encode(followedAt, Guid.Empty);
            await foreach (var item in CatchUpAsync(userId, lastEventId, counts, caughtUp, cancellationToken).ConfigureAwait(false))
            {
                sentUpTo = item.Cursor!;
                yield return item;
            }
            await foreach (var feedEvent in subscription.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var realtimeEvent = feedEvent.Event;
                if (feedEvent.CatchUp)
                {
                    // The user's grain came back without knowing this silo: what it committed before it knew again is
                    // read from the inbox, and the counts say where the badge stands now.
                    yield return realtimeEvent;
                    var caughtUpCounts = new InboxCounts(realtimeEvent.UnreadCount, realtimeEvent.UnseenCount);
                    await foreach (var missed in CatchUpAsync(userId, sentUpTo, caughtUpCounts, caughtUp, cancellationToken).ConfigureAwait(false))
                    {
                        sentUpTo = missed.Cursor!;
                        yield return missed;
                    }
                    continue;
                }
                if (realtimeEvent is { Kind: RealtimeKinds.Notification, Notification: { } item })
                {
                    // Already sent by a catch-up; a snooze that ended later is a new arrival and passes (it is not in the set twice).
                    if (caughtUp.Remove(item.Id))
                    {
                        continue;
                    }
                    var cursor = CursorOf(item);
                    sentUpTo = Later(sentUpTo, cursor);
                    yield return realtimeEvent with { Cursor = cursor };
                    continue;
                }
                yield return realtimeEvent;
            }
        }
    }

    /// <summary>Every active item newer than <paramref name="cursor"/> (none when it is null), each noted in <paramref name="caughtUp"/>.</summary>
    private async IAsyncEnumerable<RealtimeEvent> CatchUpAsync(
        string userId, string? cursor, InboxCounts counts, HashSet<Guid> caughtUp, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (cursor is not null)
        {
            var page = await inbox.ListNewerAsync(userId, cursor, CatchUpPage, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            foreach (var item in page)
            {
                caughtUp.Add(item.Id);
                yield return new RealtimeEvent(RealtimeKinds.Notification, item, counts.Unread) { UnseenCount = counts.Unseen, Cursor = CursorOf(item) };
            }
            cursor = page.Count == CatchUpPage ? CursorOf(page[^1]) : null;
        }
    }

    /// <summary>
    /// A grain announces in commit order, which may differ by a clock tick from the inbox's order: the catch-up start
    /// never moves back, so nothing already sent is read again.
    /// </summary>
    private static string Later(string current, string candidate) =>
        InboxCursor.TryDecode(current, out var a) && InboxCursor.TryDecode(candidate, out var b) && b.CreatedAtMs < a.CreatedAtMs ? current : candidate;

    private static string CursorOf(InboxItem item) => InboxCursor.Encode(item.CreatedAt, item.Id);
}
