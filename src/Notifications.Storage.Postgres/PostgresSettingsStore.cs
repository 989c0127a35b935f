using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresSettingsStore(PostgresDatabase database) : ISettingsStore
{
    /// <summary>
    /// The insert's row when this caller was first, otherwise the stored one. A first writer on another silo that
    /// commits while this statement runs makes ON CONFLICT skip the insert, yet its row is newer than the statement's
    /// snapshot: the second read, a statement of its own, sees it.
    /// </summary>
    public async Task<string> GetOrAddAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using (var command = database.Command("""
            WITH inserted AS (INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING RETURNING value)
            SELECT value FROM inserted UNION ALL SELECT value FROM settings WHERE name = @name LIMIT 1
            """).With("name", name).With("value", value))
        {
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string stored)
            {
                return stored;
            }
        }
        await using var reread = database.Command("SELECT value FROM settings WHERE name = @name").With("name", name);
        return (string)(await reread.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
