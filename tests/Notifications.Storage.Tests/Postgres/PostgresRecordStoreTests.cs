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
}
