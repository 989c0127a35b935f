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

    public void Dispose() => _store.Dispose();
}
