using Microsoft.Data.Sqlite;
using Notifications.Storage.Tests.Records;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>The record store kit on SQLite, a fresh file per test, closed and reopened from disk to prove durability.</summary>
public sealed class SqliteRecordStoreTests : RecordStoreConformance, IDisposable
{
    private readonly SqliteTestStore _store = new("sqlite-records");

    protected override async Task<RecordStores> OpenAsync()
    {
        await _store.OpenAsync();
        return new RecordStores(_store.Services);
    }

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override Task ReturnToSchemaBeforeCampaignOutcomesAsync()
    {
        using var connection = new SqliteConnection($"Data Source={_store.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TRIGGER tr_deliveries_inserted_outcome;
            DROP TRIGGER tr_deliveries_updated_outcome;
            DROP TRIGGER tr_inbox_updated_outcome;
            DROP INDEX ix_notifications_campaign;
            ALTER TABLE notifications DROP COLUMN outcome;
            CREATE INDEX ix_notifications_campaign ON notifications(campaign_id) WHERE campaign_id IS NOT NULL;
            DELETE FROM schema_version WHERE version = 11;
            """;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public void Dispose() => _store.Dispose();
}
