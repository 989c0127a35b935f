using System.Text.Json;
using Npgsql;
using Notifications.Domain.Directory;
using Notifications.Grains.Privacy;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;

namespace Notifications.Storage.Postgres.Effects;

/// <summary>
/// Group commit for the turns' records (notifications, inbox rows, delivery jobs, directory rows). Turns of many
/// grains that end while a batch is in flight go together in the next one: one <see cref="NpgsqlBatch"/> (one round
/// trip, one implicit transaction, one commit) of multi-row statements over arrays, however many turns and records it
/// holds. A turn's caller hears back only once its batch committed; a batch that fails fails the turns in it and no
/// others. Every statement is idempotent, so a batch that meets a deadlock (replays of one turn from two silos) is
/// simply sent again, and a replayed turn changes nothing it already wrote.
/// </summary>
internal sealed class EffectBatchWriter
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

    /// <summary>
    /// Every job's log starts with its status at the instant its grain created it (its due time). Rows keep the order
    /// of their turns, so a turn's jobs get ascending ids as when each turn was written alone.
    /// </summary>
    private const string InsertDeliveries = """
        WITH inserted AS (
            INSERT INTO deliveries (notification_id, user_id, channel, target, lane, status, attempts, due_at, idempotency_key, content, updated_at, trace_parent)
            SELECT u.notification_id, u.user_id, u.channel, u.target, u.lane, u.status, 0, u.due_at, u.idempotency_key, u.content::json, u.updated_at, u.trace_parent
            FROM unnest(@notification, @user, @channel, @target, @lane, @status, @due, @key, @content, @updated, @trace) WITH ORDINALITY
                AS u(notification_id, user_id, channel, target, lane, status, due_at, idempotency_key, content, updated_at, trace_parent, n)
            ORDER BY u.n
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

    /// <summary>Deadlocks between silos replaying the same turns in different orders, resolved by sending the batch again.</summary>
    private const int Attempts = 3;

    private readonly PostgresDatabase _database;
    private readonly PiiProtector _pii;
    private readonly BatchQueue<EffectWrite> _queue;
    private long _roundTrips;

    public EffectBatchWriter(PostgresDatabase database, PiiProtector pii)
    {
        _database = database;
        _pii = pii;
        _queue = new BatchQueue<EffectWrite>(FlushAsync, (write, exception) => write.Completion.TrySetException(exception),
            database.Options.MaxEffectTurnsPerBatch, database.Options.EffectBatchesInFlight);
    }

    /// <summary>Batches sent to the server so far: how tests see that concurrent turns travel together.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public Task WriteAsync(PendingEffects effects)
    {
        var write = new EffectWrite(effects);
        _queue.Enqueue(write);
        return write.Completion.Task;
    }

    private async Task FlushAsync(List<EffectWrite> writes)
    {
        try
        {
            await ExecuteAsync(writes).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (writes.Count > 1 && IsAboutTheData(exception))
        {
            // One turn's records the server refuses (a value it cannot store) would otherwise fail every turn that
            // happened to share its batch, again on each retry: each is written alone, and only the culprit fails.
            foreach (var write in writes)
            {
                try
                {
                    await ExecuteAsync([write]).ConfigureAwait(false);
                    write.Completion.TrySetResult();
                }
                catch (Exception alone)
                {
                    write.Completion.TrySetException(alone);
                }
            }
            return;
        }
        foreach (var write in writes)
        {
            write.Completion.TrySetResult();
        }
    }

    /// <summary>Data exceptions (class 22) and integrity violations (class 23): the batch's content, not the server's state.</summary>
    private static bool IsAboutTheData(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("23", StringComparison.Ordinal);

    private async Task ExecuteAsync(List<EffectWrite> writes)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _database.DataSource.OpenConnectionAsync().ConfigureAwait(false);
                // One round trip; without an explicit transaction the batch is one implicit transaction.
                await using var batch = new NpgsqlBatch(connection);
                AddStatements(batch, writes);
                Interlocked.Increment(ref _roundTrips);
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException exception) when (attempt < Attempts && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    private void AddStatements(NpgsqlBatch batch, List<EffectWrite> writes)
    {
        // One upsert may not touch a row twice: the last word on a notification wins, as if the turns ran one by one.
        var notifications = writes.SelectMany(w => w.Effects.Notifications).GroupBy(n => n.Id).Select(g => g.Last()).ToList();
        if (notifications.Count > 0)
        {
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
        var inbox = writes.SelectMany(w => w.Effects.Inbox).ToList();
        if (inbox.Count > 0)
        {
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
        // A job's row says when it was last changed: when its turn ran, which is its turn's first job's due time.
        var jobs = writes.SelectMany(w => w.Effects.Deliveries.Select(job => (Job: job, Turn: w.Effects))).ToList();
        if (jobs.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertDeliveries)
                .With("notification", jobs.Select(j => j.Job.NotificationId).ToArray())
                .With("user", jobs.Select(j => j.Job.UserId).ToArray())
                .With("channel", jobs.Select(j => DbEnum.Name(j.Job.Channel)).ToArray())
                .With("target", jobs.Select(j => _pii.Protect(j.Job.Target)).ToArray())
                .With("lane", jobs.Select(j => (int)j.Job.Lane).ToArray())
                .With("status", jobs.Select(j => DbEnum.Name(j.Job.Status)).ToArray())
                .With("due", jobs.Select(j => Pg.Ms(j.Job.DueAt)).ToArray())
                .With("key", jobs.Select(j => j.Job.IdempotencyKey).ToArray())
                .With("content", jobs.Select(j => JsonSerializer.Serialize(j.Job.Content, NotificationJson.Options)).ToArray())
                .With("updated", jobs.Select(j => Pg.Ms(j.Turn.Deliveries[0].DueAt)).ToArray())
                .With("trace", jobs.Select(j => j.Turn.TraceParent).ToArray()));
        }
        foreach (var entry in writes.Select(w => w.Effects.Directory).OfType<DirectoryEntry>())
        {
            // Rare (profile writes) and a list per row: statements of their own, still in the batch's transaction.
            var tags = entry.Tags.ToArray<string?>();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertDirectory)
                .With("user", entry.UserId).With("tags", tags).With("locale", entry.Locale).With("language", entry.Language)
                .With("zone", entry.TimeZone).With("registered", Pg.Ms(entry.RegisteredAt)));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(DeleteDroppedTags).With("user", entry.UserId).With("tags", tags));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertTags).With("user", entry.UserId).With("tags", tags));
        }
    }
}
