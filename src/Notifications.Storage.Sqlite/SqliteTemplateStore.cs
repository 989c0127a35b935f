using System.Text.Json;
using Notifications.Model;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteTemplateStore(SqliteDatabase database) : ITemplateStore
{
    public Task<IReadOnlyList<NotificationTypeDefinition>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<NotificationTypeDefinition>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT definition FROM templates ORDER BY type";
            using var reader = command.ExecuteReader();
            var definitions = new List<NotificationTypeDefinition>();
            while (reader.Read())
            {
                definitions.Add(JsonSerializer.Deserialize<NotificationTypeDefinition>(reader.GetString(0), NotificationJson.Options)!);
            }
            return definitions;
        }, cancellationToken);

    public Task UpsertAsync(NotificationTypeDefinition definition, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(definition, NotificationJson.Options);
        return database.WriteAsync(session => session.Command("""
            INSERT INTO templates (type, definition, updated_at) VALUES ($type, $definition, $at)
            ON CONFLICT (type) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """).With("$type", definition.Type).With("$definition", json).With("$at", Db.Ms(definition.UpdatedAt)).ExecuteNonQuery(), cancellationToken);
    }

    public Task<bool> DeleteAsync(string type, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("DELETE FROM templates WHERE type = $type").With("$type", type).ExecuteNonQuery() > 0, cancellationToken);
}
