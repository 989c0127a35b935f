using Notifications.Grains.Privacy;
using System.Text.Json;
using Notifications.Delivery;
using Notifications.Domain.Directory;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;

namespace Notifications.Storage.Sqlite;

/// <summary>
/// A turn's records in one write of the shared writer, so they commit in the same group as the grain states queued
/// beside them. Every statement is idempotent: replaying a turn after a crash changes nothing it already wrote.
/// </summary>
internal sealed class SqliteEffectStore(SqliteDatabase database, PiiProtector pii) : IEffectStore
{
    private const string UpsertNotification = """
        INSERT INTO notifications (id, user_id, type, category, priority, status, title, body, created_at, inbox_at, campaign_id, outcome)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, title = excluded.title, body = excluded.body,
            inbox_at = COALESCE(excluded.inbox_at, notifications.inbox_at), outcome = notifications.outcome | excluded.outcome
        """;

    /// <summary>A notification recorded by an earlier turn enters the inbox now (a quiet-hours release, a digest).</summary>
    private static readonly string RecordInboxEntry =
        $"UPDATE notifications SET inbox_at = ?1, outcome = outcome | (CASE WHEN campaign_id IS NULL THEN 0 ELSE {(int)CampaignOutcome.Delivered} END) WHERE id = ?2";

    private const string InsertInbox = """
        INSERT INTO inbox (user_id, created_at, id, type, category, title, body, data, tags, actions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertDelivery = """
        INSERT INTO deliveries (notification_id, user_id, channel, target, lane, status, attempts, due_at, idempotency_key, content, updated_at, trace_parent)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10, ?11)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    private const string UpsertDirectory = """
        INSERT INTO user_directory (user_id, tags, locale, language, time_zone, registered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (user_id) DO UPDATE SET tags = excluded.tags, locale = excluded.locale, language = excluded.language,
            time_zone = excluded.time_zone
        """;

    /// <summary>The user's tags that the new profile no longer has; found through ix_user_tags_user, not a scan.</summary>
    internal const string DeleteDroppedTags = "DELETE FROM user_tags WHERE user_id = ?1 AND tag NOT IN (SELECT value FROM json_each(?2))";

    public Task ApplyAsync(PendingEffects effects, CancellationToken cancellationToken)
    {
        // Serialising here keeps the single writer thread for SQLite work only.
        var inboxData = effects.Inbox.Select(e => e.Data.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(e.Data, NotificationJson.Options)).ToList();
        var inboxTags = effects.Inbox.Select(e => e.Tags.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(e.Tags, NotificationJson.Options)).ToList();
        var inboxActions = effects.Inbox.Select(e => e.Actions.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(e.Actions, NotificationJson.Options)).ToList();
        var directoryTags = effects.Directory is { } row ? JsonSerializer.Serialize(row.Tags, NotificationJson.Options) : null;
        var contents = effects.Deliveries.Select(d => JsonSerializer.SerializeToUtf8Bytes(d.Content, NotificationJson.Options)).ToList();
        var targets = effects.Deliveries.Select(d => pii.Protect(d.Target)).ToList();
        return database.WriteAsync(session =>
        {
            // A job's row says when it was last changed: here, when its turn ran.
            var nowMs = effects.Deliveries.Count == 0 ? 0 : Db.Ms(effects.Deliveries[0].DueAt);
            // The inbox row of a notification is found from its notification row: record when it entered the inbox.
            var inboxAt = new Dictionary<Guid, long>(effects.Inbox.Count);
            foreach (var entry in effects.Inbox)
            {
                inboxAt[entry.NotificationId] = Db.Ms(entry.CreatedAt);
            }
            var upsertNotification = session.Raw(UpsertNotification);
            var recorded = new HashSet<Guid>(effects.Notifications.Count);
            foreach (var n in effects.Notifications)
            {
                upsertNotification.Bind(1, Db.Id(n.Id)).Bind(2, n.UserId).Bind(3, n.Type).Bind(4, n.Category).Bind(5, (int)n.Priority)
                    .Bind(6, n.Status).Bind(7, n.Title).Bind(8, n.Body).Bind(9, Db.Ms(n.CreatedAt));
                if (inboxAt.TryGetValue(n.Id, out var at))
                {
                    upsertNotification.Bind(10, at);
                }
                else
                {
                    upsertNotification.Bind(10, null);
                }
                upsertNotification.Bind(11, n.CampaignId is { } campaign ? Db.Id(campaign) : null);
                // Only a campaign's records keep outcomes (migration 11): the funnel is theirs alone.
                upsertNotification.Bind(12, n.CampaignId is not null && inboxAt.ContainsKey(n.Id) ? (int)CampaignOutcome.Delivered : 0);
                upsertNotification.Execute();
                recorded.Add(n.Id);
            }
            var insertInbox = session.Raw(InsertInbox);
            for (var i = 0; i < effects.Inbox.Count; i++)
            {
                var e = effects.Inbox[i];
                insertInbox.Bind(1, e.UserId).Bind(2, Db.Ms(e.CreatedAt)).Bind(3, Db.Id(e.NotificationId)).Bind(4, e.Type)
                    .Bind(5, e.Category).Bind(6, e.Title).Bind(7, e.Body);
                if (inboxData[i] is { } data)
                {
                    insertInbox.BindUtf8(8, data);
                }
                else
                {
                    insertInbox.Bind(8, null);
                }
                BindJson(insertInbox, 9, inboxTags[i]);
                BindJson(insertInbox, 10, inboxActions[i]);
                insertInbox.Execute();
                if (!recorded.Contains(e.NotificationId))
                {
                    session.Raw(RecordInboxEntry).Bind(1, Db.Ms(e.CreatedAt)).Bind(2, Db.Id(e.NotificationId)).Execute();
                }
            }
            var insertDelivery = session.Raw(InsertDelivery);
            for (var i = 0; i < effects.Deliveries.Count; i++)
            {
                var d = effects.Deliveries[i];
                insertDelivery.Bind(1, Db.Id(d.NotificationId)).Bind(2, d.UserId).Bind(3, DbEnum.Name(d.Channel)).Bind(4, targets[i])
                    .Bind(5, (int)d.Lane).Bind(6, DbEnum.Name(d.Status)).Bind(7, Db.Ms(d.DueAt)).Bind(8, d.IdempotencyKey)
                    .BindUtf8(9, contents[i]).Bind(10, nowMs).Bind(11, effects.TraceParent).Execute();
            }
            if (effects.Directory is { } directoryRow)
            {
                WriteDirectory(session, directoryRow, directoryTags!);
            }
            return true;
        }, cancellationToken, effects.Lane);
    }

    /// <summary>Replaces the user's row and tags: the turn's row is the whole truth about the user's profile.</summary>
    private static void WriteDirectory(WriteSession session, DirectoryEntry entry, string tags)
    {
        session.Raw(UpsertDirectory).Bind(1, entry.UserId).Bind(2, tags).Bind(3, entry.Locale).Bind(4, entry.Language)
            .Bind(5, entry.TimeZone).Bind(6, Db.Ms(entry.RegisteredAt)).Execute();
        session.Raw(DeleteDroppedTags).Bind(1, entry.UserId).Bind(2, tags).Execute();
        var insertTag = session.Raw("INSERT OR IGNORE INTO user_tags (tag, user_id) VALUES (?1, ?2)");
        foreach (var tag in entry.Tags.Distinct(StringComparer.Ordinal))
        {
            insertTag.Bind(1, tag).Bind(2, entry.UserId).Execute();
        }
    }

    private static void BindJson(RawStatement statement, int index, byte[]? json)
    {
        if (json is null)
        {
            statement.Bind(index, null);
        }
        else
        {
            statement.BindUtf8(index, json);
        }
    }
}
