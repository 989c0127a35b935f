using System.Text.Json;
using Npgsql;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Privacy;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

/// <summary>
/// The delivery outbox, shared by every silo of the cluster. Claims lock the rows they take with
/// <c>FOR UPDATE SKIP LOCKED</c>, so workers on several silos claiming the same channel at once get disjoint jobs
/// instead of waiting for each other; a status change reads the current status under a row lock first. Targets are
/// stored sealed (Security:Pii) and opened only where they leave the store.
/// </summary>
internal sealed class PostgresDeliveryStore(PostgresDatabase database, PiiProtector pii) : IDeliveryStore
{
    /// <summary>A callback for a message id we never recorded is not ours (or its send was lost): forget it after a day.</summary>
    private static readonly TimeSpan PendingEventLifetime = TimeSpan.FromDays(1);
    private static readonly string Queued = DbEnum.Name(DeliveryStatus.Queued);
    private static readonly string Sending = DbEnum.Name(DeliveryStatus.Sending);
    private static readonly string DeadLettered = DbEnum.Name(DeliveryStatus.DeadLettered);
    /// <summary>The WHERE of the partial index <c>ix_deliveries_due</c>, as literals: a query must say it so for the planner to use the index.</summary>
    private static readonly string InDueIndex = $"status IN ('{Queued}', '{Sending}')";

    /// <summary>Statuses only tracking events set; a worker's late record of the send must not overwrite them.</summary>
    private static readonly string[] Tracked =
        [.. new[] { DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Clicked, DeliveryStatus.Bounced }.Select(DbEnum.Name)];

    private const string RecordResults = """
        UPDATE deliveries AS d SET status = CASE WHEN d.status = ANY (@tracked) THEN d.status ELSE u.status END,
            attempts = u.attempts, reason = u.reason, provider_message_id = COALESCE(u.provider, d.provider_message_id),
            due_at = COALESCE(u.next, d.due_at), updated_at = u.at
        FROM unnest(@id, @status, @attempts, @reason, @provider, @next, @at) AS u(id, status, attempts, reason, provider, next, at)
        WHERE d.id = u.id
        """;

    /// <summary>Each result is logged, in the order the results came, even when a tracking event keeps the job's status.</summary>
    private const string LogResults = """
        INSERT INTO delivery_log (delivery_id, status, at, detail)
        SELECT u.id, u.status, u.at, u.detail FROM unnest(@id, @status, @at, @detail) WITH ORDINALITY AS u(id, status, at, detail, n)
        ORDER BY u.n
        """;

    /// <summary>Callbacks that arrived under a provider id before the send that got it was recorded.</summary>
    private const string TakePendingEvents = """
        DELETE FROM provider_events AS e USING deliveries AS d, unnest(@id, @provider) AS u(id, provider)
        WHERE d.id = u.id AND e.provider_message_id = u.provider AND e.channel = d.channel
        RETURNING u.id, e.status, e.at, e.detail
        """;

    private const string DeadLetterColumns = "id, notification_id, user_id, channel, target, lane, attempts, reason, updated_at";

    /// <summary>
    /// The due jobs of a channel's lane, oldest first, leased; a job in 'sending' whose lease ran out belonged to a
    /// worker that died and is due again. The statuses are written into the statement: a prepared statement's generic
    /// plan cannot know that bound statuses imply the partial index <c>ix_deliveries_due</c>'s WHERE, and would scan.
    /// </summary>
    internal static readonly string ClaimDue = $"""
        UPDATE deliveries AS d SET status = @sending, attempts = d.attempts + 1, due_at = @lease, updated_at = @now
        FROM (SELECT id FROM deliveries
              WHERE channel = @channel AND lane = @lane AND {InDueIndex} AND due_at <= @now
              ORDER BY due_at LIMIT @n
              FOR UPDATE SKIP LOCKED) AS due
        WHERE d.id = due.id
        RETURNING d.id, d.notification_id, d.user_id, d.target, d.attempts, d.idempotency_key, d.content, d.trace_parent
        """;

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryChannel channel, Priority lane, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var leaseUntil = now + lease;
        await using var command = database.Command(ClaimDue).With("sending", Sending).With("lease", Pg.Ms(leaseUntil)).With("now", Pg.Ms(now))
            .With("channel", DbEnum.Name(channel)).With("lane", (int)lane).With("n", max);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var content = JsonSerializer.Deserialize<RenderedContent>(reader.GetString(6), NotificationJson.Options)!;
            var request = new DeliveryRequest(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), channel,
                pii.Unprotect(reader.GetString(3)), lane, reader.GetInt32(4), reader.GetString(5), content)
            {
                TraceParent = reader.NullableString(7),
            };
            claimed.Add(new ClaimedDelivery(request, leaseUntil));
        }
        return claimed;
    }

    /// <summary>
    /// Records a group of results in one round trip (multi-row statements over arrays). Results that name a provider
    /// message id also take the callbacks that overtook them, which are applied in the same transaction.
    /// </summary>
    public async Task CompleteAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }
        var latest = LatestPerJob(results);
        var named = latest.Where(r => r.ProviderMessageId is not null).ToList();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Without provider ids the batch is its own implicit transaction; with them, the callbacks it takes are applied
        // before the commit (BEGIN travels with the batch, it costs no round trip of its own).
        await using var transaction = named.Count > 0 ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (named.Count > 0)
        {
            // First, so the reader's first result set is the callbacks taken; they are applied after the batch.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(TakePendingEvents)
                .With("id", named.Select(r => r.JobId).ToArray()).With("provider", named.Select(r => r.ProviderMessageId).ToArray()));
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(RecordResults)
            .With("tracked", Tracked)
            .With("id", latest.Select(r => r.JobId).ToArray())
            .With("status", latest.Select(r => DbEnum.Name(r.Status)).ToArray())
            .With("attempts", latest.Select(r => r.Attempts).ToArray())
            .With("reason", latest.Select(r => r.Reason).ToArray())
            .With("provider", latest.Select(r => r.ProviderMessageId).ToArray())
            .With("next", latest.Select(r => Pg.Ms(r.NextAttemptAt)).ToArray())
            .With("at", latest.Select(r => Pg.Ms(r.At)).ToArray()));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LogResults)
            .With("id", results.Select(r => r.JobId).ToArray())
            .With("status", results.Select(r => DbEnum.Name(r.Status)).ToArray())
            .With("at", results.Select(r => Pg.Ms(r.At)).ToArray())
            .With("detail", results.Select(r => r.Reason).ToArray()));
        if (transaction is null)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var pending = new List<(long Id, DeliveryStatus Status, long At, string? Detail)>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pending.Add((reader.GetInt64(0), DbEnum.Parse<DeliveryStatus>(reader.GetString(1)), reader.GetInt64(2), reader.NullableString(3)));
            }
        }
        foreach (var (id, status, at, detail) in pending.OrderBy(p => p.Id).ThenBy(p => p.At))
        {
            await AdvanceAsync(connection, transaction, id, status, at, detail, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One row per job for the update (an UPDATE … FROM cannot change a row twice): a job's later result wins, except
    /// that a provider id or a retry time it does not repeat is kept, as if the results were written one by one.
    /// </summary>
    private static List<DeliveryResult> LatestPerJob(IReadOnlyList<DeliveryResult> results)
    {
        var latest = new Dictionary<long, DeliveryResult>(results.Count);
        foreach (var result in results)
        {
            latest[result.JobId] = latest.TryGetValue(result.JobId, out var earlier)
                ? result with { ProviderMessageId = result.ProviderMessageId ?? earlier.ProviderMessageId, NextAttemptAt = result.NextAttemptAt ?? earlier.NextAttemptAt }
                : result;
        }
        return [.. latest.Values];
    }

    public Task<DeliveryTrackResult> TrackAsync(long deliveryId, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction) => AdvanceAsync(connection, transaction, deliveryId, status, Pg.Ms(at), detail, cancellationToken), cancellationToken);

    public Task<DeliveryTrackResult> TrackByProviderIdAsync(DeliveryChannel channel, string providerMessageId, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            object? id;
            await using (var find = new NpgsqlCommand("SELECT id FROM deliveries WHERE provider_message_id = @provider AND channel = @channel", connection, transaction))
            {
                id = await find.With("provider", providerMessageId).With("channel", DbEnum.Name(channel)).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            if (id is long deliveryId)
            {
                return await AdvanceAsync(connection, transaction, deliveryId, status, Pg.Ms(at), detail, cancellationToken).ConfigureAwait(false);
            }
            await using var keep = new NpgsqlCommand("""
                DELETE FROM provider_events WHERE received_at < @cutoff;
                INSERT INTO provider_events (channel, provider_message_id, status, at, detail, received_at)
                VALUES (@channel, @provider, @status, @at, @detail, @at)
                """, connection, transaction);
            await keep.With("cutoff", Pg.Ms(at - PendingEventLifetime)).With("channel", DbEnum.Name(channel)).With("provider", providerMessageId)
                .With("status", DbEnum.Name(status)).With("at", Pg.Ms(at)).With("detail", detail).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return DeliveryTrackResult.Pending;
        }, cancellationToken);

    public async Task<ProviderDelivery?> FindByProviderIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT id, user_id, target, status FROM deliveries WHERE provider_message_id = @provider AND channel = @channel")
            .With("provider", providerMessageId).With("channel", DbEnum.Name(channel));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ProviderDelivery(reader.GetInt64(0), reader.GetString(1), pii.Unprotect(reader.GetString(2)), DbEnum.Parse<DeliveryStatus>(reader.GetString(3)))
            : null;
    }

    public Task<int> TrackNotificationAsync(string userId, Guid notificationId, IReadOnlyCollection<DeliveryChannel> channels, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var ids = new List<(long Id, DeliveryChannel Channel)>();
            await using (var command = new NpgsqlCommand("SELECT id, channel FROM deliveries WHERE notification_id = @notification AND user_id = @user ORDER BY id", connection, transaction))
            {
                command.With("notification", notificationId).With("user", userId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add((reader.GetInt64(0), DbEnum.Parse<DeliveryChannel>(reader.GetString(1))));
                }
            }
            var moved = 0;
            foreach (var (id, channel) in ids)
            {
                if (channels.Contains(channel) && await AdvanceAsync(connection, transaction, id, status, Pg.Ms(at), detail, cancellationToken).ConfigureAwait(false) == DeliveryTrackResult.Applied)
                {
                    moved++;
                }
            }
            return moved;
        }, cancellationToken);

    public async Task<IReadOnlyList<DeadLetterView>> ListDeadLettersAsync(long? beforeId, int limit, DeliveryChannel? channel, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"""
            SELECT {DeadLetterColumns} FROM deliveries
            WHERE status = @dead AND id < @before AND (@channel::text IS NULL OR channel = @channel) ORDER BY id DESC LIMIT @n
            """).With("dead", DeadLettered).With("before", beforeId ?? long.MaxValue).With("n", limit)
            .With("channel", channel is { } only ? DbEnum.Name(only) : null);
        return await ReadDeadLettersAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeadLetterView?> GetDeadLetterAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {DeadLetterColumns} FROM deliveries WHERE id = @id AND status = @dead")
            .With("id", deliveryId).With("dead", DeadLettered);
        return (await ReadDeadLettersAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<OutboxDepth> CountOutboxAsync(CancellationToken cancellationToken)
    {
        // The status lists are literal so the planner can answer from the partial indexes instead of the whole table.
        await using var command = database.Command($"""
            SELECT channel, lane, COUNT(*) FROM deliveries WHERE {InDueIndex} GROUP BY channel, lane;
            SELECT COUNT(*) FROM deliveries WHERE status = '{DeadLettered}';
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var waiting = new Dictionary<(DeliveryChannel, Priority), long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            waiting[(DbEnum.Parse<DeliveryChannel>(reader.GetString(0)), (Priority)reader.GetInt32(1))] = reader.GetInt64(2);
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxDepth(waiting, reader.GetInt64(0));
    }

    public Task<ReplayedDelivery?> ReplayAsync(long deliveryId, DateTimeOffset now, string detail, CancellationToken cancellationToken) =>
        database.InTransactionAsync<ReplayedDelivery?>(async (connection, transaction) =>
        {
            ReplayedDelivery replayed;
            await using (var command = new NpgsqlCommand("""
                UPDATE deliveries SET status = @queued, attempts = 0, due_at = @now, updated_at = @now, reason = NULL
                WHERE id = @id AND status = @dead
                RETURNING notification_id, channel, lane
                """, connection, transaction))
            {
                command.With("queued", Queued).With("now", Pg.Ms(now)).With("id", deliveryId).With("dead", DeadLettered);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
                replayed = new ReplayedDelivery(deliveryId, reader.GetGuid(0), DbEnum.Parse<DeliveryChannel>(reader.GetString(1)), (Priority)reader.GetInt32(2));
            }
            await LogAsync(connection, transaction, deliveryId, Queued, Pg.Ms(now), detail, cancellationToken).ConfigureAwait(false);
            return replayed;
        }, cancellationToken);

    private async Task<List<DeadLetterView>> ReadDeadLettersAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var page = new List<DeadLetterView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var channel = DbEnum.Parse<DeliveryChannel>(reader.GetString(3));
            page.Add(new DeadLetterView(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), channel,
                TargetMask.Mask(channel, pii.Unprotect(reader.GetString(4))), (Priority)reader.GetInt32(5), reader.GetInt32(6),
                reader.NullableString(7), Pg.Instant(reader.GetInt64(8))));
        }
        return page;
    }

    private static async Task<DeliveryTrackResult> AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long deliveryId, DeliveryStatus status, long atMs, string? detail, CancellationToken cancellationToken)
    {
        object? current;
        // The row lock orders concurrent events on one delivery (two callbacks at once): each sees the other's status.
        await using (var read = new NpgsqlCommand("SELECT status FROM deliveries WHERE id = @id FOR UPDATE", connection, transaction))
        {
            current = await read.With("id", deliveryId).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        if (current is not string stored)
        {
            return DeliveryTrackResult.NotFound;
        }
        if (!DeliveryStatusProgression.CanAdvance(DbEnum.Parse<DeliveryStatus>(stored), status))
        {
            return DeliveryTrackResult.Ignored;
        }
        var name = DbEnum.Name(status);
        await using (var update = new NpgsqlCommand("UPDATE deliveries SET status = @status, updated_at = @at WHERE id = @id", connection, transaction))
        {
            await update.With("status", name).With("at", atMs).With("id", deliveryId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await LogAsync(connection, transaction, deliveryId, name, atMs, detail, cancellationToken).ConfigureAwait(false);
        return DeliveryTrackResult.Applied;
    }

    private static async Task LogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long deliveryId, string status, long atMs, string? detail, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("INSERT INTO delivery_log (delivery_id, status, at, detail) VALUES (@id, @status, @at, @detail)", connection, transaction);
        await command.With("id", deliveryId).With("status", status).With("at", atMs).With("detail", detail).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
