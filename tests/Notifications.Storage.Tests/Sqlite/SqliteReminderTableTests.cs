using Microsoft.Extensions.DependencyInjection;
using Notifications.Storage.Sqlite.Reminders;
using Notifications.Storage.Tests.Reminders;

namespace Notifications.Storage.Tests.Sqlite;

/// <summary>The reminder table kit on SQLite, a fresh file per test, the table resolved as the silo registers it.</summary>
public sealed class SqliteReminderTableTests : ReminderTableConformance, IDisposable
{
    private readonly SqliteTestStore _store = new("sqlite-reminders");

    protected override async Task<IReminderTable> OpenAsync()
    {
        await _store.OpenAsync();
        var table = _store.Services.GetRequiredService<IReminderTable>();
        Assert.IsType<SqliteReminderTable>(table);
        return table;
    }

    protected override Task CloseAsync() => _store.CloseAsync();

    public void Dispose() => _store.Dispose();
}
