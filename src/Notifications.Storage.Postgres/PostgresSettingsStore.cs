using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresSettingsStore(PostgresDatabase database) : ISettingsStore
{
    /// <summary>
    /// One statement: the insert's row when this caller was first, otherwise the committed one. ON CONFLICT waits for
    /// a concurrent first writer's commit, so every silo sees the same value.
    /// </summary>
    public async Task<string> GetOrAddAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var command = database.Command("""
            WITH inserted AS (INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING RETURNING value)
            SELECT value FROM inserted UNION ALL SELECT value FROM settings WHERE name = @name LIMIT 1
            """).With("name", name).With("value", value);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
