using Notifications.Api;

namespace Notifications.Grains.Storage;

/// <summary>
/// A user's inbox rows. Written only by the user's grain; read by anyone. "Active" means neither archived nor snoozed
/// at <c>now</c>, so a snooze ends by the clock alone and the counts never wait for a timer.
/// </summary>
public interface IInboxStore
{
    /// <summary>Newest first. <paramref name="cursor"/> is opaque: the previous page's NextCursor. Counts are over active items.</summary>
    Task<InboxPage> ListAsync(string userId, string? cursor, int limit, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Active items created after the item at <paramref name="cursor"/>, oldest first: a reconnecting stream's catch-up.</summary>
    Task<IReadOnlyList<InboxItem>> ListNewerAsync(string userId, string cursor, int limit, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Unread and unseen, over active items.</summary>
    Task<InboxCounts> CountsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<InboxItem?> GetAsync(string userId, Guid notificationId, CancellationToken cancellationToken);

    /// <summary>False when the user has no such inbox item.</summary>
    Task<bool> SetReadAsync(string userId, Guid notificationId, bool read, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks every active unseen item seen; returns how many.</summary>
    Task<int> MarkSeenAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies every part of <paramref name="change"/> in one write; false when the user has no such inbox item. Reading
    /// or archiving twice keeps the first instant.
    /// </summary>
    Task<bool> UpdateAsync(string userId, Guid notificationId, InboxItemChange change, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends a snooze that still is the one set for <paramref name="until"/>; false when it changed since (or never was).</summary>
    Task<bool> EndSnoozeAsync(string userId, Guid notificationId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Reads, archives or unarchives every item <paramref name="query"/> covers that it changes; returns how many changed.</summary>
    Task<int> BulkAsync(string userId, InboxBulkAction action, InboxQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The in-app delivery was clicked through one of its actions; the first click is kept. False when no such item.</summary>
    Task<bool> RecordActionAsync(string userId, Guid notificationId, string actionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes items created before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
