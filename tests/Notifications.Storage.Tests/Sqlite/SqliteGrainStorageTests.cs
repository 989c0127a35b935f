using Notifications.Storage.Sqlite.GrainStorage;
using Notifications.Storage.Tests.GrainStorage;
using Orleans.Storage;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>The grain storage kit on SQLite with the default options (clearing deletes the row), a fresh file per test.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageConformance, IDisposable
{
    private readonly SqliteTestStore _store = new("sqlite-grain-storage");

    protected override Task OpenAsync() => _store.OpenAsync();

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override IGrainStorage CreateStorage() => SqliteGrainStorageFactory.Create(_store.Services, SqliteTestStore.DeletingRows);

    public void Dispose() => _store.Dispose();
}
