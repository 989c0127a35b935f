using Notifications.Grains.Privacy;
using Microsoft.Data.Sqlite;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteNotificationStore(SqliteDatabase database, PiiProtector pii) : INotificationStore
{
    public Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            // One snapshot for every read: the notification and its deliveries as of one commit.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var command = Command(transaction, $"SELECT {Columns} FROM notifications WHERE id = $id");
            command.With("$id", Db.Id(id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(transaction, reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<NotificationView>> ListRecentAsync(string userId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<NotificationView>>(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            using var command = Command(transaction, $"""
                SELECT {Columns} FROM notifications WHERE id IN (
                    SELECT id FROM (SELECT id FROM inbox WHERE user_id = $user ORDER BY created_at DESC, id DESC LIMIT $n)
                    UNION ALL
                    SELECT id FROM (SELECT id FROM notifications WHERE user_id = $user AND inbox_at IS NULL ORDER BY id DESC LIMIT $n))
                ORDER BY id DESC LIMIT $n
                """);
            command.With("$user", userId).With("$n", limit);
            using var reader = command.ExecuteReader();
            var views = new List<NotificationView>();
            while (reader.Read())
            {
                views.Add(Read(transaction, reader));
            }
            return views;
        }, cancellationToken);

    private const string Columns = "id, user_id, type, category, priority, status, title, body, created_at";

    private NotificationView Read(SqliteTransaction transaction, SqliteDataReader reader)
    {
        var key = reader.GetString(0);
        return new NotificationView(Guid.Parse(key), reader.GetString(1), reader.NullableString(2), reader.GetString(3), (Priority)reader.GetInt32(4),
            reader.GetString(5), reader.NullableString(6), reader.NullableString(7), Db.Instant(reader.GetInt64(8)), Deliveries(transaction, key));
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private List<DeliveryView> Deliveries(SqliteTransaction transaction, string notificationId)
    {
        var deliveries = new List<DeliveryView>();
        // The inbox row is the in-app delivery: delivered when written, opened once the user read it, clicked once
        // the user ran one of its actions (the action's id is the detail).
        using (var inbox = Command(transaction, """
            SELECT i.created_at, i.read_at, i.clicked_at, i.clicked_action FROM notifications n
            JOIN inbox i ON i.user_id = n.user_id AND i.created_at = n.inbox_at AND i.id = n.id
            WHERE n.id = $id
            """))
        {
            inbox.With("$id", notificationId);
            using var row = inbox.ExecuteReader();
            if (row.Read())
            {
                var created = Db.Instant(row.GetInt64(0));
                var readAt = row.IsDBNull(1) ? (DateTimeOffset?)null : Db.Instant(row.GetInt64(1));
                var clickedAt = row.IsDBNull(2) ? (DateTimeOffset?)null : Db.Instant(row.GetInt64(2));
                List<DeliveryTransition> history = [new(DeliveryStatus.Delivered, created)];
                var status = DeliveryStatus.Delivered;
                var updated = created;
                if (readAt is { } read)
                {
                    history.Add(new DeliveryTransition(DeliveryStatus.Opened, read));
                    status = DeliveryStatus.Opened;
                    updated = read;
                }
                if (clickedAt is { } clicked)
                {
                    history.Add(new DeliveryTransition(DeliveryStatus.Clicked, clicked, row.NullableString(3)));
                    status = DeliveryStatus.Clicked;
                    updated = clicked > updated ? clicked : updated;
                }
                history = [.. history.OrderBy(t => t.At)];
                deliveries.Add(new DeliveryView(0, DeliveryChannel.InApp, "inbox", status, 1, null, updated, history));
            }
        }
        var logs = History(transaction, notificationId);
        using var command = Command(transaction, "SELECT id, channel, target, status, attempts, reason, updated_at, provider_message_id FROM deliveries WHERE notification_id = $id ORDER BY id");
        command.With("$id", notificationId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var channel = DbEnum.Parse<DeliveryChannel>(reader.GetString(1));
            deliveries.Add(new DeliveryView(id, channel, TargetMask.Mask(channel, pii.Unprotect(reader.GetString(2))),
                DbEnum.Parse<DeliveryStatus>(reader.GetString(3)), reader.GetInt32(4), reader.NullableString(5), Db.Instant(reader.GetInt64(6)),
                logs.TryGetValue(id, out var history) ? history : [], reader.NullableString(7)));
        }
        return deliveries;
    }

    /// <summary>Each delivery's log in the order it was written.</summary>
    private static Dictionary<long, List<DeliveryTransition>> History(SqliteTransaction transaction, string notificationId)
    {
        var logs = new Dictionary<long, List<DeliveryTransition>>();
        using var command = Command(transaction, """
            SELECT l.delivery_id, l.status, l.at, l.detail FROM delivery_log l
            WHERE l.delivery_id IN (SELECT id FROM deliveries WHERE notification_id = $id)
            ORDER BY l.delivery_id, l.rowid
            """);
        command.With("$id", notificationId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!logs.TryGetValue(id, out var history))
            {
                logs[id] = history = [];
            }
            history.Add(new DeliveryTransition(DbEnum.Parse<DeliveryStatus>(reader.GetString(1)), Db.Instant(reader.GetInt64(2)), reader.NullableString(3)));
        }
        return logs;
    }
}
