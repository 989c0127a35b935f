using Npgsql;
using Notifications.Domain.Campaigns;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresCampaignStore(PostgresDatabase database) : ICampaignStore
{
    private const string Columns = "id, name, status, created_at, updated_at";

    /// <summary>One pass over the campaign's range of <c>ix_notifications_campaign</c>, which holds status and outcome.</summary>
    internal static readonly string FunnelSql = $"""
        SELECT count(*),
               count(*) FILTER (WHERE status = '{NotificationStatus.Suppressed}'),
               count(*) FILTER (WHERE status = '{NotificationStatus.Deferred}'),
               count(*) FILTER (WHERE status = '{NotificationStatus.Digested}'),
               count(*) FILTER (WHERE outcome & {(int)CampaignOutcome.Delivered} <> 0),
               count(*) FILTER (WHERE outcome & {(int)CampaignOutcome.Opened} <> 0),
               count(*) FILTER (WHERE outcome & {(int)CampaignOutcome.Clicked} <> 0),
               count(*) FILTER (WHERE outcome & {(int)(CampaignOutcome.Delivered | CampaignOutcome.Failed)} = {(int)CampaignOutcome.Failed})
        FROM notifications WHERE campaign_id = @id
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
}
