using System.Text.Json;
using Notifications.Delivery;
using Notifications.Runtime.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteDeliveryStore(SqliteDatabase database) : IDeliveryStore
{
    private static readonly string Queued = DbEnum.Name(DeliveryStatus.Queued);
    private static readonly string Sending = DbEnum.Name(DeliveryStatus.Sending);

    public Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(DeliveryChannel channel, Priority lane, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var leaseUntil = now + lease;
        return database.WriteAsync<IReadOnlyList<ClaimedDelivery>>(session =>
        {
            // A job in 'sending' whose lease ran out belonged to a worker that died: it is due again.
            var command = session.Command("""
                UPDATE deliveries SET status = $sending, attempts = attempts + 1, due_at = $lease, updated_at = $now
                WHERE id IN (
                    SELECT id FROM deliveries
                    WHERE channel = $channel AND lane = $lane AND status IN ($queued, $sending) AND due_at <= $now
                    ORDER BY due_at LIMIT $n)
                RETURNING id, notification_id, user_id, target, attempts, idempotency_key, content
                """).With("$sending", Sending).With("$queued", Queued).With("$lease", Db.Ms(leaseUntil)).With("$now", Db.Ms(now))
                .With("$channel", DbEnum.Name(channel)).With("$lane", (int)lane).With("$n", max);
            var claimed = new List<ClaimedDelivery>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var content = JsonSerializer.Deserialize<RenderedContent>(reader.GetString(6), NotificationJson.Options)!;
                var request = new DeliveryRequest(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), channel,
                    reader.GetString(3), lane, reader.GetInt32(4), reader.GetString(5), content);
                claimed.Add(new ClaimedDelivery(request, leaseUntil));
            }
            return claimed;
        }, cancellationToken);
    }

    public Task CompleteAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            foreach (var result in results)
            {
                var status = DbEnum.Name(result.Status);
                session.Command("""
                    UPDATE deliveries SET status = $status, attempts = $attempts, reason = $reason,
                        provider_message_id = COALESCE($provider, provider_message_id), due_at = COALESCE($next, due_at), updated_at = $at
                    WHERE id = $id
                    """).With("$status", status).With("$attempts", result.Attempts).With("$reason", result.Reason)
                    .With("$provider", result.ProviderMessageId).With("$next", result.NextAttemptAt is { } next ? Db.Ms(next) : null)
                    .With("$at", Db.Ms(result.At)).With("$id", result.JobId).ExecuteNonQuery();
                session.Command("INSERT INTO delivery_log (delivery_id, status, at, detail) VALUES ($id, $status, $at, $detail)")
                    .With("$id", result.JobId).With("$status", status).With("$at", Db.Ms(result.At)).With("$detail", result.Reason).ExecuteNonQuery();
            }
            return results.Count;
        }, cancellationToken);
}
