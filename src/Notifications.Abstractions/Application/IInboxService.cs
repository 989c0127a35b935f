using Notifications.Api;

namespace Notifications.Application;

/// <summary>
/// A user's inbox (the embeddable inbox's API). Bad input throws <see cref="ValidationFailedException"/> naming the
/// field, before anything changes. "Active" items are neither archived nor snoozed; the counts are over them.
/// </summary>
public interface IInboxService
{
    /// <summary>The active items; <paramref name="limit"/> is 1..100.</summary>
    Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, CancellationToken cancellationToken) =>
        ListAsync(userId, cursor, limit, filter: null, cancellationToken);

    /// <summary><paramref name="limit"/> is 1..100; a bad cursor, limit or filter throws <see cref="ValidationFailedException"/>.</summary>
    Task<InboxPage> ListAsync(string userId, string? cursor, int? limit, InboxFilter? filter, CancellationToken cancellationToken);

    Task<InboxCounts> CountsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>False when the user has no such notification.</summary>
    Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, CancellationToken cancellationToken);

    /// <summary>
    /// Any of read, archived and snoozedUntil (in the future, at most 30 days ahead; null un-snoozes), in one change.
    /// False when the user has no such notification.
    /// </summary>
    Task<bool> UpdateAsync(string userId, Guid notificationId, InboxUpdateRequest? request, CancellationToken cancellationToken);

    Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Marks every active unseen item seen; answers how many.</summary>
    Task<int> MarkSeenAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Reads, archives or unarchives every item the filter covers; answers how many changed.</summary>
    Task<int> BulkAsync(string userId, InboxBulkRequest? request, CancellationToken cancellationToken);

    /// <summary>Records the click of one of the item's actions; null when the user has no such item or it no such action.</summary>
    Task<InboxActionResult?> RunActionAsync(string userId, Guid notificationId, string actionId, CancellationToken cancellationToken);

    /// <summary>Live events for one user: first the current counts, then every new item, change and count change until cancelled.</summary>
    IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, CancellationToken cancellationToken) =>
        WatchAsync(userId, lastEventId: null, cancellationToken);

    /// <summary>
    /// As <see cref="WatchAsync(string, CancellationToken)"/>, after the counts first every active item newer than
    /// <paramref name="lastEventId"/> (an item cursor, the SSE id of a "notification" event), oldest first. Nothing is
    /// missed between the catch-up and the live events, and nothing comes twice. An unknown cursor is refused.
    /// </summary>
    IAsyncEnumerable<RealtimeEvent> WatchAsync(string userId, string? lastEventId, CancellationToken cancellationToken);
}
