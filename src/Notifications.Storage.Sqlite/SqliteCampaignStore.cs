using Microsoft.Data.Sqlite;
using Notifications.Domain.Campaigns;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteCampaignStore(SqliteDatabase database) : ICampaignStore
{
    /// <summary>One pass over the campaign's range of <c>ix_notifications_campaign</c>, which holds status and outcome: no table row is read.</summary>
    internal static readonly string FunnelSql = $"""
        SELECT COUNT(*),
               COALESCE(SUM(status = '{NotificationStatus.Suppressed}'), 0),
               COALESCE(SUM(status = '{NotificationStatus.Deferred}'), 0),
               COALESCE(SUM(status = '{NotificationStatus.Digested}'), 0),
               COALESCE(SUM((outcome & {(int)CampaignOutcome.Delivered}) <> 0), 0),
               COALESCE(SUM((outcome & {(int)CampaignOutcome.Opened}) <> 0), 0),
               COALESCE(SUM((outcome & {(int)CampaignOutcome.Clicked}) <> 0), 0),
               COALESCE(SUM((outcome & {(int)(CampaignOutcome.Delivered | CampaignOutcome.Failed)}) = {(int)CampaignOutcome.Failed}), 0)
        FROM notifications WHERE campaign_id = $id
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
}
