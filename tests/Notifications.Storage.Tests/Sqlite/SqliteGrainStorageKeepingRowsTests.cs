using Notifications.Storage.Sqlite.GrainStorage;
using Notifications.Storage.Tests.GrainStorage;
using Orleans.Storage;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>The same grain storage kit on SQLite with DeleteStateOnClear off: a cleared grain keeps its row and version.</summary>
public sealed class SqliteGrainStorageKeepingRowsTests : GrainStorageConformance, IDisposable
{
    private readonly SqliteTestStore _store = new("sqlite-grain-storage-keep");

    protected override Task OpenAsync() => _store.OpenAsync();

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override IGrainStorage CreateStorage() => SqliteGrainStorageFactory.Create(_store.Services, SqliteTestStore.KeepingRows);

    public void Dispose() => _store.Dispose();
}
