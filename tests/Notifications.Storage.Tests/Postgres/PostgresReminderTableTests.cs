using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Postgres.Reminders;
using Notifications.Storage.Tests.Reminders;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>The reminder table kit on PostgreSQL, a fresh database per test, the table resolved as the silo registers it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresFixture fixture) : ReminderTableConformance
{
    private readonly PostgresTestStore _store = new(fixture);

    protected override async Task<IReminderTable> OpenAsync()
    {
        await _store.OpenAsync();
        var table = _store.Services.GetRequiredService<IReminderTable>();
        Assert.IsType<PostgresReminderTable>(table);
        return table;
    }

    protected override Task CloseAsync() => _store.CloseAsync();
}
