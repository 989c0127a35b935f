using Npgsql;
using Notifications.Delivery;
using Notifications.Domain.Campaigns;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresCampaignStore(PostgresDatabase database) : ICampaignStore
{
    private const string Columns = "id, name, status, created_at, updated_at";

    private static readonly string Reached = Names(DeliveryStatus.Sent, DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Clicked);
    private static readonly string Opened = Names(DeliveryStatus.Opened, DeliveryStatus.Clicked);
    private static readonly string Clicked = Names(DeliveryStatus.Clicked);
    private static readonly string Failed = Names(DeliveryStatus.Failed, DeliveryStatus.DeadLettered, DeliveryStatus.Bounced);

    /// <summary>
    /// One pass over the campaign's notifications (partial index), each with its inbox row (by key) and its jobs
    /// folded into flags, so a notification with several jobs still counts once per outcome.
    /// </summary>
    private static readonly string FunnelSql = $"""
        SELECT count(*),
               count(*) FILTER (WHERE status = '{NotificationStatus.Suppressed}'),
               count(*) FILTER (WHERE status = '{NotificationStatus.Deferred}'),
               count(*) FILTER (WHERE status = '{NotificationStatus.Digested}'),
               count(*) FILTER (WHERE delivered), count(*) FILTER (WHERE opened), count(*) FILTER (WHERE clicked),
               count(*) FILTER (WHERE NOT delivered AND failed)
        FROM (
            SELECT n.status,
                   i.id IS NOT NULL OR COALESCE(j.reached, FALSE) AS delivered,
                   i.read_at IS NOT NULL OR i.clicked_at IS NOT NULL OR COALESCE(j.opened, FALSE) AS opened,
                   i.clicked_at IS NOT NULL OR COALESCE(j.clicked, FALSE) AS clicked,
                   COALESCE(j.failed, FALSE) AS failed
            FROM notifications n
            LEFT JOIN inbox i ON i.user_id = n.user_id AND i.id = n.id
            LEFT JOIN LATERAL (
                SELECT bool_or(d.status IN ({Reached})) AS reached, bool_or(d.status IN ({Opened})) AS opened,
                       bool_or(d.status IN ({Clicked})) AS clicked, bool_or(d.status IN ({Failed})) AS failed
                FROM deliveries d WHERE d.notification_id = n.id) AS j ON TRUE
            WHERE n.campaign_id = @id) AS outcomes
        """;

    public async Task UpsertAsync(CampaignRow campaign, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"""
            INSERT INTO campaigns ({Columns}) VALUES (@id, @name, @status, @created, @updated)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, updated_at = excluded.updated_at
            """).With("id", campaign.Id).With("name", campaign.Name).With("status", campaign.Status)
            .With("created", Pg.Ms(campaign.CreatedAt)).With("updated", Pg.Ms(campaign.UpdatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CampaignRow>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM campaigns ORDER BY created_at DESC, id DESC LIMIT @limit").With("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<CampaignRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CampaignRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Pg.Instant(reader.GetInt64(3)), Pg.Instant(reader.GetInt64(4))));
        }
        return rows;
    }

    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT id FROM campaigns WHERE status IN ('{CampaignStatus.Running}', '{CampaignStatus.Scheduled}')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    public async Task<CampaignFunnel> FunnelAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var command = database.Command(FunnelSql).With("id", campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new CampaignFunnel(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
    }

    private static string Names(params DeliveryStatus[] statuses) => string.Join(", ", statuses.Select(s => $"'{DbEnum.Name(s)}'"));
}
