using System.Text.Json;
using Npgsql;
using Notifications.Domain.Segments;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Postgres;

internal sealed class PostgresSegmentStore(PostgresDatabase database) : ISegmentStore
{
    private const string Columns = "id, name, rule, created_at";

    public async Task CreateAsync(SavedSegment segment, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"INSERT INTO segments ({Columns}) VALUES (@id, @name, @rule::json, @at)")
            .With("id", segment.Id).With("name", segment.Name).With("rule", JsonSerializer.Serialize(segment.Rule, NotificationJson.Options))
            .With("at", Pg.Ms(segment.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM segments ORDER BY created_at DESC, id DESC");
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SavedSegment?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.Command($"SELECT {Columns} FROM segments WHERE id = @id").With("id", id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.Command("DELETE FROM segments WHERE id = @id").With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<List<SavedSegment>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var segments = new List<SavedSegment>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            segments.Add(new SavedSegment(reader.GetGuid(0), reader.GetString(1),
                JsonSerializer.Deserialize<SegmentRule>(reader.GetString(2), NotificationJson.Options)!, Pg.Instant(reader.GetInt64(3))));
        }
        return segments;
    }
}
