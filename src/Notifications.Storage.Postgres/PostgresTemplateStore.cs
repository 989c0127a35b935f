using System.Text.Json;
using Notifications.Grains.Storage;
using Notifications.Model;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresTemplateStore(PostgresDatabase database) : ITemplateStore
{
    public async Task<IReadOnlyList<NotificationTypeDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT definition FROM templates ORDER BY type");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new List<NotificationTypeDefinition>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            definitions.Add(JsonSerializer.Deserialize<NotificationTypeDefinition>(reader.GetString(0), NotificationJson.Options)!);
        }
        return definitions;
    }

    public async Task UpsertAsync(NotificationTypeDefinition definition, CancellationToken cancellationToken)
    {
        await using var command = database.Command("""
            INSERT INTO templates (type, definition, updated_at) VALUES (@type, @definition::json, @at)
            ON CONFLICT (type) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """).With("type", definition.Type).With("definition", JsonSerializer.Serialize(definition, NotificationJson.Options)).With("at", Pg.Ms(definition.UpdatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string type, CancellationToken cancellationToken)
    {
        await using var command = database.Command("DELETE FROM templates WHERE type = @type").With("type", type);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }
}
