using Npgsql;
using Notifications.Storage.Tests.Records;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>The record store kit on PostgreSQL, a fresh database per test, closed and reopened to prove durability.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordStoreTests(PostgresFixture fixture) : RecordStoreConformance
{
    private readonly PostgresTestStore _store = new(fixture);

    protected override async Task<RecordStores> OpenAsync()
    {
        await _store.OpenAsync();
        return new RecordStores(_store.Services);
    }

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override async Task ReturnToSchemaBeforeCampaignOutcomesAsync()
    {
        await using var connection = new NpgsqlConnection(_store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            DROP TRIGGER tr_deliveries_inserted_outcome ON deliveries;
            DROP TRIGGER tr_deliveries_updated_outcome ON deliveries;
            DROP TRIGGER tr_inbox_inserted_outcome ON inbox;
            DROP TRIGGER tr_inbox_updated_outcome ON inbox;
            DROP FUNCTION campaign_outcome_of_jobs(), campaign_outcome_of_inbox_rows(), campaign_outcome_of_inbox_reads(),
                campaign_outcome_add(uuid[], integer[]), campaign_outcome_of_job(text);
            DROP INDEX ix_notifications_campaign;
            ALTER TABLE notifications DROP COLUMN outcome;
            CREATE INDEX ix_notifications_campaign ON notifications (campaign_id) WHERE campaign_id IS NOT NULL;
            DELETE FROM schema_version WHERE name = '0005_campaign_outcomes';
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
