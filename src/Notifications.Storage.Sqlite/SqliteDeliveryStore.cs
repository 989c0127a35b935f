using Notifications.Grains.Privacy;
using System.Text.Json;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteDeliveryStore(SqliteDatabase database, PiiProtector pii) : IDeliveryStore
{
    /// <summary>A callback for a message id we never recorded is not ours (or its send was lost): forget it after a day.</summary>
    private static readonly TimeSpan PendingEventLifetime = TimeSpan.FromDays(1);
    private static readonly string Queued = DbEnum.Name(DeliveryStatus.Queued);
    private static readonly string Sending = DbEnum.Name(DeliveryStatus.Sending);
    private static readonly string DeadLettered = DbEnum.Name(DeliveryStatus.DeadLettered);
    /// <summary>The WHERE of the partial index <c>ix_deliveries_due</c>, as literals: a query must say it so for the planner to use the index.</summary>
    private static readonly string InDueIndex = $"status IN ('{Queued}', '{Sending}')";

    /// <summary>Statuses only tracking events set; a worker's late record of the send must not overwrite them.</summary>
    private static readonly string Tracked = string.Join(", ",
        new[] { DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Clicked, DeliveryStatus.Bounced }.Select(s => $"'{DbEnum.Name(s)}'"));

    /// <summary>
    /// The due jobs of a channel's lane, oldest first, leased. A job in 'sending' whose lease ran out belonged to a worker
    /// that died: it is due again. The statuses are written into the statement, not bound: SQLite uses the partial index
    /// <c>ix_deliveries_due</c> only for a query whose WHERE it can see implies the index's, and a parameter's value is
    /// not seen. Bound, every claim scanned and sorted the whole table, the writer's every turn once a blast had queued
    /// a million push jobs.
    /// </summary>
    internal static readonly string ClaimDue = $"""
        UPDATE deliveries SET status = $sending, attempts = attempts + 1, due_at = $lease, updated_at = $now
        WHERE id IN (
            SELECT id FROM deliveries
            WHERE channel = $channel AND lane = $lane AND {InDueIndex} AND due_at <= $now
            ORDER BY due_at LIMIT $n)
        RETURNING id, notification_id, user_id, target, attempts, idempotency_key, content, trace_parent
        """;

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryChannel channel, Priority lane, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var leaseUntil = now + lease;
        var claimed = await database.WriteAsync<IReadOnlyList<ClaimedDelivery>>(session =>
        {
            var command = session.Command(ClaimDue).With("$sending", Sending).With("$lease", Db.Ms(leaseUntil)).With("$now", Db.Ms(now))
                .With("$channel", DbEnum.Name(channel)).With("$lane", (int)lane).With("$n", max);
            var claimed = new List<ClaimedDelivery>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var content = JsonSerializer.Deserialize<RenderedContent>(reader.GetString(6), NotificationJson.Options)!;
                var request = new DeliveryRequest(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), channel,
                    reader.GetString(3), lane, reader.GetInt32(4), reader.GetString(5), content)
                {
                    TraceParent = reader.IsDBNull(7) ? null : reader.GetString(7),
                };
                claimed.Add(new ClaimedDelivery(request, leaseUntil));
            }
            return claimed;
        }, cancellationToken, lane).ConfigureAwait(false);
        // Opened off the single writer thread, which is for SQLite work only.
        return [.. claimed.Select(c => c with { Request = c.Request with { Target = pii.Unprotect(c.Request.Target) } })];
    }

    public Task CompleteAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            foreach (var result in results)
            {
                var status = DbEnum.Name(result.Status);
                session.Command($"""
                    UPDATE deliveries SET status = CASE WHEN status IN ({Tracked}) THEN status ELSE $status END,
                        attempts = $attempts, reason = $reason,
                        provider_message_id = COALESCE($provider, provider_message_id), due_at = COALESCE($next, due_at), updated_at = $at
                    WHERE id = $id
                    """).With("$status", status).With("$attempts", result.Attempts).With("$reason", result.Reason)
                    .With("$provider", result.ProviderMessageId).With("$next", result.NextAttemptAt is { } next ? Db.Ms(next) : null)
                    .With("$at", Db.Ms(result.At)).With("$id", result.JobId).ExecuteNonQuery();
                Log(session, result.JobId, status, result.At, result.Reason);
                if (result.ProviderMessageId is { } providerId)
                {
                    ApplyPendingEvents(session, result.JobId, providerId);
                }
            }
            return results.Count;
        }, cancellationToken);

    public Task<DeliveryTrackResult> TrackAsync(long deliveryId, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        database.WriteAsync(session => Advance(session, deliveryId, status, Db.Ms(at), detail), cancellationToken);

    public Task<DeliveryTrackResult> TrackByProviderIdAsync(DeliveryChannel channel, string providerMessageId, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var id = session.Command("SELECT id FROM deliveries WHERE provider_message_id = $provider AND channel = $channel")
                .With("$provider", providerMessageId).With("$channel", DbEnum.Name(channel)).ExecuteScalar();
            if (id is long deliveryId)
            {
                return Advance(session, deliveryId, status, Db.Ms(at), detail);
            }
            session.Command("DELETE FROM provider_events WHERE received_at < $cutoff").With("$cutoff", Db.Ms(at - PendingEventLifetime)).ExecuteNonQuery();
            session.Command("""
                INSERT INTO provider_events (channel, provider_message_id, status, at, detail, received_at)
                VALUES ($channel, $provider, $status, $at, $detail, $at)
                """).With("$channel", DbEnum.Name(channel)).With("$provider", providerMessageId).With("$status", DbEnum.Name(status))
                .With("$at", Db.Ms(at)).With("$detail", detail).ExecuteNonQuery();
            return DeliveryTrackResult.Pending;
        }, cancellationToken);

    public Task<ProviderDelivery?> FindByProviderIdAsync(DeliveryChannel channel, string providerMessageId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, user_id, target, status FROM deliveries WHERE provider_message_id = $provider AND channel = $channel";
            command.With("$provider", providerMessageId).With("$channel", DbEnum.Name(channel));
            using var reader = command.ExecuteReader();
            return reader.Read() ? new ProviderDelivery(reader.GetInt64(0), reader.GetString(1), pii.Unprotect(reader.GetString(2)), DbEnum.Parse<DeliveryStatus>(reader.GetString(3))) : null;
        }, cancellationToken);

    public Task<int> TrackNotificationAsync(string userId, Guid notificationId, IReadOnlyCollection<DeliveryChannel> channels, DeliveryStatus status, DateTimeOffset at, string? detail, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            var ids = new List<(long Id, DeliveryChannel Channel)>();
            using (var reader = session.Command("SELECT id, channel FROM deliveries WHERE notification_id = $notification AND user_id = $user")
                .With("$notification", Db.Id(notificationId)).With("$user", userId).ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add((reader.GetInt64(0), DbEnum.Parse<DeliveryChannel>(reader.GetString(1))));
                }
            }
            var moved = 0;
            foreach (var (id, channel) in ids)
            {
                if (channels.Contains(channel) && Advance(session, id, status, Db.Ms(at), detail) == DeliveryTrackResult.Applied)
                {
                    moved++;
                }
            }
            return moved;
        }, cancellationToken);

    public Task<IReadOnlyList<DeadLetterView>> ListDeadLettersAsync(long? beforeId, int limit, DeliveryChannel? channel, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DeadLetterView>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {DeadLetterColumns} FROM deliveries
                WHERE status = '{DeadLettered}' AND id < $before AND ($channel IS NULL OR channel = $channel) ORDER BY id DESC LIMIT $n
                """;
            command.With("$before", beforeId ?? long.MaxValue).With("$n", limit)
                .With("$channel", channel is { } only ? DbEnum.Name(only) : null);
            using var reader = command.ExecuteReader();
            var page = new List<DeadLetterView>();
            while (reader.Read())
            {
                page.Add(ReadDeadLetter(reader));
            }
            return page;
        }, cancellationToken);

    public Task<DeadLetterView?> GetDeadLetterAsync(long deliveryId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {DeadLetterColumns} FROM deliveries WHERE id = $id AND status = '{DeadLettered}'";
            command.With("$id", deliveryId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadDeadLetter(reader) : null;
        }, cancellationToken);

    public Task<OutboxDepth> CountOutboxAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            // The status lists are literal so SQLite can answer from the partial indexes instead of the whole table.
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT channel, lane, COUNT(*) FROM deliveries INDEXED BY ix_deliveries_due
                WHERE {InDueIndex} GROUP BY channel, lane;
                SELECT COUNT(*) FROM deliveries WHERE status = '{DeadLettered}';
                """;
            using var reader = command.ExecuteReader();
            var waiting = new Dictionary<(DeliveryChannel, Priority), long>();
            while (reader.Read())
            {
                waiting[(DbEnum.Parse<DeliveryChannel>(reader.GetString(0)), (Priority)reader.GetInt32(1))] = reader.GetInt64(2);
            }
            reader.NextResult();
            reader.Read();
            return new OutboxDepth(waiting, reader.GetInt64(0));
        }, cancellationToken);

    private const string DeadLetterColumns = "id, notification_id, user_id, channel, target, lane, attempts, reason, updated_at";

    private DeadLetterView ReadDeadLetter(Microsoft.Data.Sqlite.SqliteDataReader reader)
    {
        var channel = DbEnum.Parse<DeliveryChannel>(reader.GetString(3));
        return new DeadLetterView(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), channel,
            TargetMask.Mask(channel, pii.Unprotect(reader.GetString(4))), (Priority)reader.GetInt32(5), reader.GetInt32(6),
            reader.NullableString(7), Db.Instant(reader.GetInt64(8)));
    }

    public Task<ReplayedDelivery?> ReplayAsync(long deliveryId, DateTimeOffset now, string detail, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            using var reader = session.Command("""
                UPDATE deliveries SET status = $queued, attempts = 0, due_at = $now, updated_at = $now, reason = NULL
                WHERE id = $id AND status = $dead
                RETURNING notification_id, channel, lane
                """).With("$queued", Queued).With("$now", Db.Ms(now)).With("$id", deliveryId).With("$dead", DeadLettered).ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }
            var replayed = new ReplayedDelivery(deliveryId, Guid.Parse(reader.GetString(0)), DbEnum.Parse<DeliveryChannel>(reader.GetString(1)), (Priority)reader.GetInt32(2));
            reader.Close();
            Log(session, deliveryId, Queued, now, detail);
            return replayed;
        }, cancellationToken);

    private static DeliveryTrackResult Advance(WriteSession session, long deliveryId, DeliveryStatus status, long atMs, string? detail)
    {
        if (session.Command("SELECT status FROM deliveries WHERE id = $id").With("$id", deliveryId).ExecuteScalar() is not string current)
        {
            return DeliveryTrackResult.NotFound;
        }
        if (!DeliveryStatusProgression.CanAdvance(DbEnum.Parse<DeliveryStatus>(current), status))
        {
            return DeliveryTrackResult.Ignored;
        }
        var name = DbEnum.Name(status);
        session.Command("UPDATE deliveries SET status = $status, updated_at = $at WHERE id = $id")
            .With("$status", name).With("$at", atMs).With("$id", deliveryId).ExecuteNonQuery();
        Log(session, deliveryId, name, Db.Instant(atMs), detail);
        return DeliveryTrackResult.Applied;
    }

    private static void ApplyPendingEvents(WriteSession session, long deliveryId, string providerId)
    {
        var pending = new List<(DeliveryStatus Status, long At, string? Detail)>();
        using (var reader = session.Command("""
            DELETE FROM provider_events WHERE provider_message_id = $provider AND channel = (SELECT channel FROM deliveries WHERE id = $id)
            RETURNING status, at, detail
            """).With("$provider", providerId).With("$id", deliveryId).ExecuteReader())
        {
            while (reader.Read())
            {
                pending.Add((DbEnum.Parse<DeliveryStatus>(reader.GetString(0)), reader.GetInt64(1), reader.NullableString(2)));
            }
        }
        foreach (var (status, at, detail) in pending.OrderBy(p => p.At))
        {
            Advance(session, deliveryId, status, at, detail);
        }
    }

    private static void Log(WriteSession session, long deliveryId, string status, DateTimeOffset at, string? detail) =>
        session.Command("INSERT INTO delivery_log (delivery_id, status, at, detail) VALUES ($id, $status, $at, $detail)")
            .With("$id", deliveryId).With("$status", status).With("$at", Db.Ms(at)).With("$detail", detail).ExecuteNonQuery();
}
