using System.Text.Json;
using Npgsql;
using Notifications.Grains.Privacy;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;

namespace Notifications.Storage.Postgres;

/// <summary>
/// A turn's records (notifications, inbox rows, delivery jobs, the user's directory row) in one round trip: one <see cref="NpgsqlBatch"/> (one implicit transaction) of multi-row
/// statements over arrays, however many records the turn has. Every statement is idempotent: replaying a turn after
/// a crash changes nothing it already wrote.
/// </summary>
internal sealed class PostgresEffectStore(PostgresDatabase database, PiiProtector pii) : IEffectStore
{
    private const string UpsertNotifications = """
        INSERT INTO notifications (id, user_id, type, category, priority, status, title, body, created_at, campaign_id)
        SELECT * FROM unnest(@id, @user, @type, @category, @priority, @status, @title, @body, @created, @campaign)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, title = excluded.title, body = excluded.body
        """;

    /// <summary>unnest cannot carry a list per row (arrays are not jagged): tags travel as JSON and become text[] here.</summary>
    private const string InsertInbox = """
        INSERT INTO inbox (user_id, id, created_at, type, category, title, body, data, tags, actions)
        SELECT u.user_id, u.id, u.created_at, u.type, u.category, u.title, u.body, u.data::json,
               CASE WHEN u.tags IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(u.tags::json)) END, u.actions::json
        FROM unnest(@user, @id, @created, @type, @category, @title, @body, @data, @tags, @actions)
            AS u(user_id, id, created_at, type, category, title, body, data, tags, actions)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>Every job's log starts with its status at the instant its grain created it (its due time).</summary>
    private const string InsertDeliveries = """
        WITH inserted AS (
            INSERT INTO deliveries (notification_id, user_id, channel, target, lane, status, attempts, due_at, idempotency_key, content, updated_at, trace_parent)
            SELECT u.notification_id, u.user_id, u.channel, u.target, u.lane, u.status, 0, u.due_at, u.idempotency_key, u.content::json, @now, @trace
            FROM unnest(@notification, @user, @channel, @target, @lane, @status, @due, @key, @content)
                AS u(notification_id, user_id, channel, target, lane, status, due_at, idempotency_key, content)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id, status, due_at)
        INSERT INTO delivery_log (delivery_id, status, at) SELECT id, status, due_at FROM inserted ORDER BY id
        """;

    /// <summary>
    /// The turn's row is the whole truth about the user's profile: it replaces the row, drops the tags it no longer
    /// has and adds the new ones; a replayed turn finds everything as it leaves it.
    /// </summary>
    private const string UpsertDirectory = """
        INSERT INTO user_directory (user_id, tags, locale, language, time_zone, registered_at)
        VALUES (@user, @tags, @locale, @language, @zone, @registered)
        ON CONFLICT (user_id) DO UPDATE SET tags = excluded.tags, locale = excluded.locale, language = excluded.language,
            time_zone = excluded.time_zone
        """;

    private const string DeleteDroppedTags = "DELETE FROM user_tags WHERE user_id = @user AND NOT (tag = ANY (@tags))";

    private const string InsertTags = "INSERT INTO user_tags (tag, user_id) SELECT DISTINCT t, @user FROM unnest(@tags) AS t ON CONFLICT DO NOTHING";

    public async Task ApplyAsync(PendingEffects effects, CancellationToken cancellationToken)
    {
        if (effects.IsEmpty)
        {
            return;
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        if (effects.Notifications.Count > 0)
        {
            // One upsert may not touch a row twice: the turn's last word on a notification wins.
            var notifications = effects.Notifications.GroupBy(n => n.Id).Select(g => g.Last()).ToList();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertNotifications)
                .With("id", notifications.Select(n => n.Id).ToArray())
                .With("user", notifications.Select(n => n.UserId).ToArray())
                .With("type", notifications.Select(n => n.Type).ToArray())
                .With("category", notifications.Select(n => n.Category).ToArray())
                .With("priority", notifications.Select(n => (int)n.Priority).ToArray())
                .With("status", notifications.Select(n => n.Status).ToArray())
                .With("title", notifications.Select(n => n.Title).ToArray())
                .With("body", notifications.Select(n => n.Body).ToArray())
                .With("created", notifications.Select(n => Pg.Ms(n.CreatedAt)).ToArray())
                .With("campaign", notifications.Select(n => n.CampaignId).ToArray()));
        }
        if (effects.Inbox.Count > 0)
        {
            var inbox = effects.Inbox;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertInbox)
                .With("user", inbox.Select(e => e.UserId).ToArray())
                .With("id", inbox.Select(e => e.NotificationId).ToArray())
                .With("created", inbox.Select(e => Pg.Ms(e.CreatedAt)).ToArray())
                .With("type", inbox.Select(e => e.Type).ToArray())
                .With("category", inbox.Select(e => e.Category).ToArray())
                .With("title", inbox.Select(e => e.Title).ToArray())
                .With("body", inbox.Select(e => e.Body).ToArray())
                .With("data", inbox.Select(e => e.Data.Count == 0 ? null : JsonSerializer.Serialize(e.Data, NotificationJson.Options)).ToArray())
                .With("tags", inbox.Select(e => e.Tags.Count == 0 ? null : JsonSerializer.Serialize(e.Tags, NotificationJson.Options)).ToArray())
                .With("actions", inbox.Select(e => e.Actions.Count == 0 ? null : JsonSerializer.Serialize(e.Actions, NotificationJson.Options)).ToArray()));
        }
        if (effects.Deliveries.Count > 0)
        {
            var jobs = effects.Deliveries;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertDeliveries)
                .With("notification", jobs.Select(d => d.NotificationId).ToArray())
                .With("user", jobs.Select(d => d.UserId).ToArray())
                .With("channel", jobs.Select(d => DbEnum.Name(d.Channel)).ToArray())
                .With("target", jobs.Select(d => pii.Protect(d.Target)).ToArray())
                .With("lane", jobs.Select(d => (int)d.Lane).ToArray())
                .With("status", jobs.Select(d => DbEnum.Name(d.Status)).ToArray())
                .With("due", jobs.Select(d => Pg.Ms(d.DueAt)).ToArray())
                .With("key", jobs.Select(d => d.IdempotencyKey).ToArray())
                .With("content", jobs.Select(d => JsonSerializer.Serialize(d.Content, NotificationJson.Options)).ToArray())
                // A job's row says when it was last changed: here, when its turn ran.
                .With("now", Pg.Ms(jobs[0].DueAt))
                .With("trace", effects.TraceParent));
        }
        if (effects.Directory is { } entry)
        {
            // In the same batch, hence the same transaction, as the turn's other records.
            var tags = entry.Tags.ToArray<string?>();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertDirectory)
                .With("user", entry.UserId).With("tags", tags).With("locale", entry.Locale).With("language", entry.Language)
                .With("zone", entry.TimeZone).With("registered", Pg.Ms(entry.RegisteredAt)));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeleteDroppedTags).With("user", entry.UserId).With("tags", tags));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertTags).With("user", entry.UserId).With("tags", tags));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
