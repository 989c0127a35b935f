using System.Text.Json;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Runtime.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteNotificationStore(SqliteDatabase database) : INotificationStore
{
    public Task<NotificationView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            var key = Db.Id(id);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT user_id, type, category, priority, status, title, body, created_at FROM notifications WHERE id = $id";
                command.With("$id", key);
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    var deliveries = Deliveries(connection, key);
                    return new NotificationView(id, reader.GetString(0), reader.NullableString(1), reader.GetString(2), (Priority)reader.GetInt32(3),
                        reader.GetString(4), reader.NullableString(5), reader.NullableString(6), Db.Instant(reader.GetInt64(7)), deliveries);
                }
            }
            using (var command = connection.CreateCommand())
            {
                // Acknowledged but not processed yet: the command in its stream is the only record.
                command.CommandText = "SELECT payload FROM commands WHERE notification_id = $id";
                command.With("$id", key);
                if (command.ExecuteScalar() is string payload && JsonSerializer.Deserialize<UserCommand>(payload, NotificationJson.Options) is NotifyCommand notify)
                {
                    return new NotificationView(id, notify.UserId, notify.Type, notify.Category, notify.Priority, NotificationStatus.Accepted,
                        notify.Content?.Title, notify.Content?.Body, notify.AcceptedAt, []);
                }
            }
            return (NotificationView?)null;
        }, cancellationToken);

    private static List<DeliveryView> Deliveries(Microsoft.Data.Sqlite.SqliteConnection connection, string notificationId)
    {
        var deliveries = new List<DeliveryView>();
        using (var inbox = connection.CreateCommand())
        {
            // The inbox row is the in-app delivery: delivered when written, opened once the user read it.
            inbox.CommandText = """
                SELECT i.created_at, i.read_at FROM notifications n
                JOIN inbox i ON i.user_id = n.user_id AND i.created_at = n.inbox_at AND i.id = n.id
                WHERE n.id = $id
                """;
            inbox.With("$id", notificationId);
            using var row = inbox.ExecuteReader();
            if (row.Read())
            {
                var read = !row.IsDBNull(1);
                deliveries.Add(new DeliveryView(0, DeliveryChannel.InApp, "inbox", read ? DeliveryStatus.Opened : DeliveryStatus.Delivered, 1, null,
                    Db.Instant(read ? row.GetInt64(1) : row.GetInt64(0))));
            }
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, channel, target, status, attempts, reason, updated_at FROM deliveries WHERE notification_id = $id ORDER BY id";
        command.With("$id", notificationId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var channel = DbEnum.Parse<DeliveryChannel>(reader.GetString(1));
            deliveries.Add(new DeliveryView(reader.GetInt64(0), channel, TargetMask.Mask(channel, reader.GetString(2)),
                DbEnum.Parse<DeliveryStatus>(reader.GetString(3)), reader.GetInt32(4), reader.NullableString(5), Db.Instant(reader.GetInt64(6))));
        }
        return deliveries;
    }
}
