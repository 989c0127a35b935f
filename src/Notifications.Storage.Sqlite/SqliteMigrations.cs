
namespace Notifications.Storage.Sqlite;

/// <summary>
/// Versioned schema migrations, applied in order at start-up in one transaction each. Never edit a
/// migration that has shipped: add the next one.
/// </summary>
internal sealed class SqliteMigrations(SqliteDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly string[] Migrations =
    [
        """
        -- One b-tree in stream order: append and consume each touch it once. Ids come from the single writer.
        CREATE TABLE commands (
            partition INTEGER NOT NULL,
            lane INTEGER NOT NULL,
            id INTEGER NOT NULL,
            grain_key TEXT NOT NULL,
            notification_id TEXT NULL,
            payload TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            PRIMARY KEY (partition, lane, id)) WITHOUT ROWID;

        CREATE TABLE timers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            partition INTEGER NOT NULL,
            grain_key TEXT NOT NULL,
            lane INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            payload TEXT NOT NULL);
        CREATE INDEX ix_timers_partition_due ON timers(partition, due_at);
        CREATE INDEX ix_timers_due ON timers(due_at);

        CREATE TABLE leases (
            partition INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            acquired_at INTEGER NOT NULL);

        CREATE TABLE grains (
            user_id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            updated_at INTEGER NOT NULL) WITHOUT ROWID;

        CREATE TABLE idempotency (
            user_id TEXT NOT NULL,
            key TEXT NOT NULL,
            notification_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, key)) WITHOUT ROWID;

        CREATE TABLE notifications (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            type TEXT NULL,
            category TEXT NOT NULL,
            priority INTEGER NOT NULL,
            status TEXT NOT NULL,
            title TEXT NULL,
            body TEXT NULL,
            created_at INTEGER NOT NULL,
            inbox_at INTEGER NULL) WITHOUT ROWID;

        -- Clustered by user, newest last: a user's page and unread count are one contiguous range. No secondary
        -- index: each would add a random page write per notification; lookups by id go through notifications.inbox_at.
        CREATE TABLE inbox (
            user_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            id TEXT NOT NULL,
            type TEXT NULL,
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            data TEXT NULL,
            read_at INTEGER NULL,
            PRIMARY KEY (user_id, created_at, id)) WITHOUT ROWID;

        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            notification_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            target TEXT NOT NULL,
            lane INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            due_at INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL,
            content TEXT NULL,
            reason TEXT NULL,
            provider_message_id TEXT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX ix_deliveries_notification ON deliveries(notification_id);
        CREATE INDEX ix_deliveries_due ON deliveries(channel, lane, due_at) WHERE status IN ('queued', 'sending');

        CREATE TABLE delivery_log (
            delivery_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            at INTEGER NOT NULL,
            detail TEXT NULL);
        CREATE INDEX ix_delivery_log ON delivery_log(delivery_id);

        CREATE TABLE templates (
            type TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            updated_at INTEGER NOT NULL);

        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER NULL);

        CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        """,
        """
        -- Delivery tracking. Every job's log starts with 'queued' at the instant its grain created it, whatever path inserted it.
        CREATE TRIGGER tr_deliveries_logged_queued AFTER INSERT ON deliveries
        BEGIN
            INSERT INTO delivery_log (delivery_id, status, at, detail) VALUES (new.id, new.status, new.due_at, NULL);
        END;

        -- Provider callbacks (Twilio's MessageSid) find their delivery by the provider's id.
        CREATE INDEX ix_deliveries_provider ON deliveries(provider_message_id) WHERE provider_message_id IS NOT NULL;
        CREATE INDEX ix_deliveries_dead ON deliveries(id) WHERE status = 'deadLettered';

        -- Callbacks that overtook our record of the send; applied when the send is recorded.
        CREATE TABLE provider_events (
            channel TEXT NOT NULL,
            provider_message_id TEXT NOT NULL,
            status TEXT NOT NULL,
            at INTEGER NOT NULL,
            detail TEXT NULL,
            received_at INTEGER NOT NULL);
        CREATE INDEX ix_provider_events ON provider_events(provider_message_id);
        """,
        """
        -- v2: Orleans. Grain state and reminders of the Orleans providers; the home-made runtime's streams, timers
        -- and leases go. A v1 user's state becomes the grain's domain state. Stop v1 cleanly before upgrading:
        -- commands still in its streams and its pending timers are not carried over.
        CREATE TABLE grain_state (
            grain_id TEXT NOT NULL,
            state_name TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_id, state_name)) WITHOUT ROWID;

        CREATE TABLE reminders (
            grain_id TEXT NOT NULL,
            name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at INTEGER NOT NULL,
            period_ms INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (grain_id, name)) WITHOUT ROWID;
        CREATE INDEX ix_reminders_hash ON reminders(grain_hash);

        INSERT INTO grain_state (grain_id, state_name, version, payload, updated_at)
        SELECT 'user/' || user_id, 'user', 1,
               CAST(json_object('user', json(state), 'pending', json('[]'), 'timers', json('[]'), 'lastTurn', 0) AS BLOB), updated_at
        FROM grains;

        -- A turn replayed after a crash inserts its jobs again: the job's idempotency key makes that a no-op.
        CREATE UNIQUE INDEX ux_deliveries_idempotency ON deliveries(idempotency_key);

        DROP TABLE grains;
        DROP TABLE commands;
        DROP TABLE timers;
        DROP TABLE leases;
        DROP TABLE idempotency;
        """,
        """
        -- The embeddable inbox (issue 13). Still no secondary index: filters scan the user's own range of the clustered key.
        -- tags and actions are JSON arrays (NULL when none); clicked_* make the row, the in-app delivery, 'clicked'.
        ALTER TABLE inbox ADD COLUMN seen_at INTEGER NULL;
        ALTER TABLE inbox ADD COLUMN archived_at INTEGER NULL;
        ALTER TABLE inbox ADD COLUMN snoozed_until INTEGER NULL;
        ALTER TABLE inbox ADD COLUMN tags TEXT NULL;
        ALTER TABLE inbox ADD COLUMN actions TEXT NULL;
        ALTER TABLE inbox ADD COLUMN clicked_at INTEGER NULL;
        ALTER TABLE inbox ADD COLUMN clicked_action TEXT NULL;
        """,
        """
        -- An operator's user lookup (the console) lists a user's newest notifications. Ids are version-7 GUIDs, so
        -- their text sorts by creation time; the index is one extra B-tree insert per notification.
        CREATE INDEX ix_notifications_user ON notifications(user_id, id);
        """,
        """
        -- Observability and producer quotas (issue 9). A job keeps the trace context of the turn that queued it, so
        -- its provider call joins the notification's trace. A key's quota: NULL means unlimited.
        ALTER TABLE deliveries ADD COLUMN trace_parent TEXT NULL;
        ALTER TABLE api_keys ADD COLUMN rate_per_second INTEGER NULL;
        ALTER TABLE api_keys ADD COLUMN rate_burst INTEGER NULL;
        ALTER TABLE api_keys ADD COLUMN daily_quota INTEGER NULL;
        """,
        """
        -- Migration 5's index cost 15-30 µs per notification (a random B-tree page per insert; docs/benchmarks.md).
        -- A user's notifications with an inbox row are already clustered by user in the inbox; only those without
        -- one (suppressed, deferred, email- or push-only) need an index of their own, and they are the minority.
        DROP INDEX ix_notifications_user;
        CREATE INDEX ix_notifications_user_outside_inbox ON notifications(user_id, id) WHERE inbox_at IS NULL;
        """,
        """
        -- Persistent-stream queues (issue 11). AUTOINCREMENT: ids never repeat, even after the newest row is
        -- acknowledged and deleted, so a receiver reading "after the last id it saw" never skips a new row; they are
        -- the events' sequence numbers. One writer at a time means ids become visible in commit order.
        CREATE TABLE stream_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            provider TEXT NOT NULL,
            queue INTEGER NOT NULL,
            stream_id TEXT NOT NULL,
            payload BLOB NOT NULL,
            enqueued_at INTEGER NOT NULL);
        CREATE INDEX ix_stream_messages_queue ON stream_messages(provider, queue, id);
        """,
        """
        -- Campaigns to segments (issue 11). The user directory: one row per registered user, replaced by the user's
        -- grain in the turn that wrote the profile. A user's tags also sit in user_tags, clustered by tag, so a tag
        -- segment pages one index range in user-id order; zone and language indexes serve the other filters.
        CREATE TABLE user_directory (
            user_id TEXT PRIMARY KEY,
            tags TEXT NOT NULL,
            locale TEXT NULL,
            language TEXT NULL,
            time_zone TEXT NULL,
            registered_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX ix_user_directory_zone ON user_directory(time_zone, user_id);
        CREATE INDEX ix_user_directory_language ON user_directory(language, user_id);
        CREATE TABLE user_tags (
            tag TEXT NOT NULL,
            user_id TEXT NOT NULL,
            PRIMARY KEY (tag, user_id)) WITHOUT ROWID;

        -- Users registered before the directory existed: from their grain state (JSON, as the grain wrote it).
        INSERT INTO user_directory (user_id, tags, locale, language, time_zone, registered_at)
        SELECT substr(grain_id, 6),
               COALESCE(json_extract(payload, '$.user.profile.tags'), '[]'),
               json_extract(payload, '$.user.profile.locale'),
               lower(CASE WHEN instr(json_extract(payload, '$.user.profile.locale'), '-') > 0
                          THEN substr(json_extract(payload, '$.user.profile.locale'), 1, instr(json_extract(payload, '$.user.profile.locale'), '-') - 1)
                          ELSE json_extract(payload, '$.user.profile.locale') END),
               json_extract(payload, '$.user.profile.timeZone'),
               updated_at
        FROM grain_state
        WHERE state_name = 'user' AND grain_id LIKE 'user/%' AND json_valid(payload) AND json_extract(payload, '$.user.registered') = 1;
        INSERT OR IGNORE INTO user_tags (tag, user_id)
        SELECT t.value, d.user_id FROM user_directory d, json_each(d.tags) t;

        CREATE TABLE segments (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            rule TEXT NOT NULL,
            created_at INTEGER NOT NULL);

        CREATE TABLE campaigns (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);

        -- A campaign's funnel is counted from its notifications; the partial index costs other notifications nothing.
        ALTER TABLE notifications ADD COLUMN campaign_id TEXT NULL;
        CREATE INDEX ix_notifications_campaign ON notifications(campaign_id) WHERE campaign_id IS NOT NULL;
        """,
        """
        -- A profile write replaces the user's tags: "DELETE FROM user_tags WHERE user_id = ?" found them by scanning
        -- every row of the (tag, user_id) key, so importing N users cost N² (an import of 1M slowed to 215 users/s
        -- by 80k). PostgreSQL had this index from the start.
        CREATE INDEX ix_user_tags_user ON user_tags(user_id);
        """,
        $"""
        -- A campaign's funnel was counted by joining each of its notifications to its inbox row and its jobs: at a
        -- million recipients that scan outlasted a grain call. Each campaign notification now carries the outcomes it
        -- has reached as flags (1 delivered, 2 opened, 4 clicked, 8 failed on a channel), so the funnel reads one
        -- index range. A flag, once set, stays: the funnel counts what happened, and a later "mark unread" or bounce
        -- does not undo an open or an accepted send. The effect writer sets "delivered" with the inbox row; the
        -- triggers below set the rest in the transaction of the change that reached it, and write nothing when the
        -- notification already has the flags (a push accepted for a notification already in the inbox).
        ALTER TABLE notifications ADD COLUMN outcome INTEGER NOT NULL DEFAULT 0;
        UPDATE notifications SET outcome =
            COALESCE((SELECT 1 | (CASE WHEN i.read_at IS NOT NULL OR i.clicked_at IS NOT NULL THEN 2 ELSE 0 END)
                               | (CASE WHEN i.clicked_at IS NOT NULL THEN 4 ELSE 0 END)
                      FROM inbox i WHERE i.user_id = notifications.user_id AND i.created_at = notifications.inbox_at AND i.id = notifications.id), 0)
          | COALESCE((SELECT MAX({JobOutcomeFlags("d.status")} & 1) | MAX({JobOutcomeFlags("d.status")} & 2)
                           | MAX({JobOutcomeFlags("d.status")} & 4) | MAX({JobOutcomeFlags("d.status")} & 8)
                      FROM deliveries d WHERE d.notification_id = notifications.id), 0)
        WHERE campaign_id IS NOT NULL;
        DROP INDEX ix_notifications_campaign;
        CREATE INDEX ix_notifications_campaign ON notifications(campaign_id, status, outcome) WHERE campaign_id IS NOT NULL;

        CREATE TRIGGER tr_deliveries_inserted_outcome AFTER INSERT ON deliveries
        WHEN {JobOutcomeFlags("NEW.status")} <> 0
        BEGIN
            UPDATE notifications SET outcome = outcome | {JobOutcomeFlags("NEW.status")}
            WHERE id = NEW.notification_id AND campaign_id IS NOT NULL AND (outcome | {JobOutcomeFlags("NEW.status")}) <> outcome;
        END;
        CREATE TRIGGER tr_deliveries_updated_outcome AFTER UPDATE OF status ON deliveries
        WHEN NEW.status IS NOT OLD.status AND {JobOutcomeFlags("NEW.status")} <> 0
        BEGIN
            UPDATE notifications SET outcome = outcome | {JobOutcomeFlags("NEW.status")}
            WHERE id = NEW.notification_id AND campaign_id IS NOT NULL AND (outcome | {JobOutcomeFlags("NEW.status")}) <> outcome;
        END;
        CREATE TRIGGER tr_inbox_updated_outcome AFTER UPDATE OF read_at, clicked_at ON inbox
        WHEN (OLD.read_at IS NULL AND NEW.read_at IS NOT NULL) OR (OLD.clicked_at IS NULL AND NEW.clicked_at IS NOT NULL)
        BEGIN
            UPDATE notifications SET outcome = outcome | 2 | (CASE WHEN NEW.clicked_at IS NOT NULL THEN 4 ELSE 0 END)
            WHERE id = NEW.id AND campaign_id IS NOT NULL AND (outcome | 2 | (CASE WHEN NEW.clicked_at IS NOT NULL THEN 4 ELSE 0 END)) <> outcome;
        END;
        """,
    ];

    /// <summary>
    /// A job's status as outcome flags: accepted by the provider (sent) or reported delivered counts as delivered; an
    /// open is also a delivery, a click also an open. Part of migration 11's text: never change it, add a migration.
    /// </summary>
    private static string JobOutcomeFlags(string status) =>
        $"(CASE {status} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 1 WHEN 'opened' THEN 3 WHEN 'clicked' THEN 7 WHEN 'failed' THEN 8 WHEN 'bounced' THEN 8 WHEN 'deadLettered' THEN 8 ELSE 0 END)";

    /// <summary>Before anything else of the silo touches storage (reminders, grain state, templates).</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteMigrations), ServiceLifecycleStage.RuntimeInitialize - 1, InitializeAsync);

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            session.Command("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)").ExecuteNonQuery();
            var current = Convert.ToInt32(session.Command("SELECT COALESCE(MAX(version), 0) FROM schema_version").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (current > Migrations.Length)
            {
                throw new InvalidOperationException($"The database '{database.Path}' has schema version {current}, newer than this silo knows ({Migrations.Length}). Upgrade the silo.");
            }
            for (var version = current + 1; version <= Migrations.Length; version++)
            {
                session.Command(Migrations[version - 1]).ExecuteNonQuery();
                session.Command("INSERT INTO schema_version (version) VALUES ($v)").With("$v", version).ExecuteNonQuery();
            }
            return current;
        }, cancellationToken);
}
