using Notifications.Storage.Postgres.GrainStorage;
using Notifications.Storage.Tests.GrainStorage;
using Orleans.Storage;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>The same grain storage kit on PostgreSQL with DeleteStateOnClear off: a cleared grain keeps its row and version.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageKeepingRowsTests(PostgresFixture fixture) : GrainStorageConformance
{
    private readonly PostgresTestStore _store = new(fixture);

    protected override Task OpenAsync() => _store.OpenAsync();

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override IGrainStorage CreateStorage() => PostgresGrainStorageFactory.Create(_store.Services, PostgresTestStore.KeepingRows);
}
