using Npgsql;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Privacy;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresNotificationStore(PostgresDatabase database, PiiProtector pii) : INotificationStore
{
    private const string Columns = "id, user_id, type, category, priority, status, title, body, created_at";

    public async Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await ReadAsync($"SELECT {Columns} FROM notifications WHERE id = @id", c => c.With("id", id), cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<NotificationView>> ListRecentAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {Columns} FROM notifications WHERE user_id = @user ORDER BY id DESC LIMIT @n",
            c => c.With("user", userId).With("n", limit), cancellationToken).ConfigureAwait(false);

    /// <summary>The notifications and their deliveries in one repeatable-read transaction: all as of one commit.</summary>
    private Task<List<NotificationView>> ReadAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await using (var snapshot = new NpgsqlCommand("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", connection, transaction))
            {
                await snapshot.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var rows = new List<(Guid Id, string User, string? Type, string Category, Priority Priority, string Status, string? Title, string? Body, long Created)>();
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                bind(command);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetGuid(0), reader.GetString(1), reader.NullableString(2), reader.GetString(3), (Priority)reader.GetInt32(4),
                        reader.GetString(5), reader.NullableString(6), reader.NullableString(7), reader.GetInt64(8)));
                }
            }
            var views = new List<NotificationView>(rows.Count);
            foreach (var row in rows)
            {
                var deliveries = await DeliveriesAsync(connection, transaction, row.Id, cancellationToken).ConfigureAwait(false);
                views.Add(new NotificationView(row.Id, row.User, row.Type, row.Category, row.Priority, row.Status, row.Title, row.Body, Pg.Instant(row.Created), deliveries));
            }
            return views;
        }, cancellationToken);

    private async Task<List<DeliveryView>> DeliveriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid notificationId, CancellationToken cancellationToken)
    {
        var deliveries = new List<DeliveryView>();
        // The inbox row is the in-app delivery: delivered when written, opened once the user read it, clicked once
        // the user ran one of its actions (the action's id is the detail).
        await using (var inbox = new NpgsqlCommand("""
            SELECT i.created_at, i.read_at, i.clicked_at, i.clicked_action FROM notifications n
            JOIN inbox i ON i.user_id = n.user_id AND i.id = n.id
            WHERE n.id = @id
            """, connection, transaction))
        {
            inbox.With("id", notificationId);
            await using var row = await inbox.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var created = Pg.Instant(row.GetInt64(0));
                List<DeliveryTransition> history = [new(DeliveryStatus.Delivered, created)];
                var status = DeliveryStatus.Delivered;
                var updated = created;
                if (row.NullableInstant(1) is { } read)
                {
                    history.Add(new DeliveryTransition(DeliveryStatus.Opened, read));
                    status = DeliveryStatus.Opened;
                    updated = read;
                }
                if (row.NullableInstant(2) is { } clicked)
                {
                    history.Add(new DeliveryTransition(DeliveryStatus.Clicked, clicked, row.NullableString(3)));
                    status = DeliveryStatus.Clicked;
                    updated = clicked > updated ? clicked : updated;
                }
                history = [.. history.OrderBy(t => t.At)];
                deliveries.Add(new DeliveryView(0, DeliveryChannel.InApp, "inbox", status, 1, null, updated, history));
            }
        }
        var logs = new Dictionary<long, List<DeliveryTransition>>();
        await using (var log = new NpgsqlCommand("""
            SELECT l.delivery_id, l.status, l.at, l.detail FROM delivery_log l
            WHERE l.delivery_id IN (SELECT id FROM deliveries WHERE notification_id = @id)
            ORDER BY l.delivery_id, l.id
            """, connection, transaction))
        {
            log.With("id", notificationId);
            await using var reader = await log.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                if (!logs.TryGetValue(id, out var history))
                {
                    logs[id] = history = [];
                }
                history.Add(new DeliveryTransition(DbEnum.Parse<DeliveryStatus>(reader.GetString(1)), Pg.Instant(reader.GetInt64(2)), reader.NullableString(3)));
            }
        }
        await using (var command = new NpgsqlCommand(
            "SELECT id, channel, target, status, attempts, reason, updated_at, provider_message_id FROM deliveries WHERE notification_id = @id ORDER BY id",
            connection, transaction))
        {
            command.With("id", notificationId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                var channel = DbEnum.Parse<DeliveryChannel>(reader.GetString(1));
                deliveries.Add(new DeliveryView(id, channel, TargetMask.Mask(channel, pii.Unprotect(reader.GetString(2))),
                    DbEnum.Parse<DeliveryStatus>(reader.GetString(3)), reader.GetInt32(4), reader.NullableString(5), Pg.Instant(reader.GetInt64(6)),
                    logs.TryGetValue(id, out var history) ? history : [], reader.NullableString(7)));
            }
        }
        return deliveries;
    }
}
