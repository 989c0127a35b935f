using Microsoft.Data.Sqlite;
using Notifications.Delivery;
using Notifications.Domain.Campaigns;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteCampaignStore(SqliteDatabase database) : ICampaignStore
{
    private static readonly string Reached = Names(DeliveryStatus.Sent, DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Clicked);
    private static readonly string Opened = Names(DeliveryStatus.Opened, DeliveryStatus.Clicked);
    private static readonly string Failed = Names(DeliveryStatus.Failed, DeliveryStatus.DeadLettered, DeliveryStatus.Bounced);

    // One pass over the campaign's notifications (partial index), each with its inbox row (by key) and its jobs.
    private static readonly string FunnelSql = $"""
        SELECT COUNT(*),
               COALESCE(SUM(status = '{NotificationStatus.Suppressed}'), 0),
               COALESCE(SUM(status = '{NotificationStatus.Deferred}'), 0),
               COALESCE(SUM(status = '{NotificationStatus.Digested}'), 0),
               COALESCE(SUM(delivered), 0), COALESCE(SUM(opened), 0), COALESCE(SUM(clicked), 0),
               COALESCE(SUM(NOT delivered AND failed), 0)
        FROM (
            SELECT n.status,
                   (i.id IS NOT NULL OR EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id AND d.status IN ({Reached}))) AS delivered,
                   (i.read_at IS NOT NULL OR i.clicked_at IS NOT NULL OR EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id AND d.status IN ({Opened}))) AS opened,
                   (i.clicked_at IS NOT NULL OR EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id AND d.status = '{DbEnum.Name(DeliveryStatus.Clicked)}')) AS clicked,
                   EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id AND d.status IN ({Failed})) AS failed
            FROM notifications n
            LEFT JOIN inbox i ON i.user_id = n.user_id AND i.created_at = n.inbox_at AND i.id = n.id
            WHERE n.campaign_id = $id)
        """;

    private const string UnfinishedSql = $"SELECT id FROM campaigns WHERE status IN ('{CampaignStatus.Running}', '{CampaignStatus.Scheduled}')";

    public Task UpsertAsync(CampaignRow campaign, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("""
            INSERT INTO campaigns (id, name, status, created_at, updated_at) VALUES ($id, $name, $status, $created, $updated)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, updated_at = excluded.updated_at
            """).With("$id", Db.Id(campaign.Id)).With("$name", campaign.Name).With("$status", campaign.Status)
            .With("$created", Db.Ms(campaign.CreatedAt)).With("$updated", Db.Ms(campaign.UpdatedAt)).ExecuteNonQuery(), cancellationToken);

    public Task<IReadOnlyList<CampaignRow>> ListAsync(int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<CampaignRow>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, status, created_at, updated_at FROM campaigns ORDER BY created_at DESC, id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var rows = new List<CampaignRow>();
            while (reader.Read())
            {
                rows.Add(new CampaignRow(Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), Db.Instant(reader.GetInt64(3)), Db.Instant(reader.GetInt64(4))));
            }
            return rows;
        }, cancellationToken);

    public Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Guid>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = UnfinishedSql;
            using var reader = command.ExecuteReader();
            var ids = new List<Guid>();
            while (reader.Read())
            {
                ids.Add(Guid.Parse(reader.GetString(0)));
            }
            return ids;
        }, cancellationToken);

    public Task<CampaignFunnel> FunnelAsync(Guid campaignId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = FunnelSql;
            command.Parameters.AddWithValue("$id", Db.Id(campaignId));
            using var reader = command.ExecuteReader();
            reader.Read();
            return new CampaignFunnel(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
        }, cancellationToken);

    private static string Names(params DeliveryStatus[] statuses) => string.Join(", ", statuses.Select(s => $"'{DbEnum.Name(s)}'"));
}
