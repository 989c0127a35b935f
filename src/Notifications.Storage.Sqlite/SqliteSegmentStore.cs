using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications.Domain.Segments;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Sqlite;

internal sealed class SqliteSegmentStore(SqliteDatabase database) : ISegmentStore
{
    public Task CreateAsync(SavedSegment segment, CancellationToken cancellationToken)
    {
        var rule = JsonSerializer.Serialize(segment.Rule, NotificationJson.Options);
        return database.WriteAsync(session => session.Command("INSERT INTO segments (id, name, rule, created_at) VALUES ($id, $name, $rule, $at)")
            .With("$id", Db.Id(segment.Id)).With("$name", segment.Name).With("$rule", rule).With("$at", Db.Ms(segment.CreatedAt)).ExecuteNonQuery(), cancellationToken);
    }

    public Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SavedSegment>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, rule, created_at FROM segments ORDER BY created_at DESC, id DESC";
            using var reader = command.ExecuteReader();
            var segments = new List<SavedSegment>();
            while (reader.Read())
            {
                segments.Add(Read(reader));
            }
            return segments;
        }, cancellationToken);

    public Task<SavedSegment?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, rule, created_at FROM segments WHERE id = $id";
            command.Parameters.AddWithValue("$id", Db.Id(id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        database.WriteAsync(session => session.Command("DELETE FROM segments WHERE id = $id").With("$id", Db.Id(id)).ExecuteNonQuery() > 0, cancellationToken);

    private static SavedSegment Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        reader.GetString(1),
        JsonSerializer.Deserialize<SegmentRule>(reader.GetString(2), NotificationJson.Options)!,
        Db.Instant(reader.GetInt64(3)));
}
