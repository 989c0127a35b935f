using Notifications.Storage.Postgres.GrainStorage;
using Notifications.Storage.Tests.GrainStorage;
using Orleans.Storage;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>The grain storage kit on PostgreSQL with the default options (clearing deletes the row), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresFixture fixture) : GrainStorageConformance
{
    private readonly PostgresTestStore _store = new(fixture);

    protected override Task OpenAsync() => _store.OpenAsync();

    protected override Task CloseAsync() => _store.CloseAsync();

    protected override IGrainStorage CreateStorage() => PostgresGrainStorageFactory.Create(_store.Services, PostgresTestStore.DeletingRows);
}
