using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteSettingsStore(SqliteDatabase database) : ISettingsStore
{
    public Task<string> GetOrAddAsync(string name, string value, CancellationToken cancellationToken) =>
        database.WriteAsync(session =>
        {
            session.Command("INSERT INTO settings (name, value) VALUES ($name, $value) ON CONFLICT (name) DO NOTHING")
                .With("$name", name).With("$value", value).ExecuteNonQuery();
            return (string)session.Command("SELECT value FROM settings WHERE name = $name").With("$name", name).ExecuteScalar()!;
        }, cancellationToken);
}
