using System.Globalization;
using Npgsql;

namespace Notifications.Storage.Postgres.Reminders;

/// <summary>
/// Orleans' reminder table in the cluster's PostgreSQL database. Rows are keyed by grain and reminder name and carry
/// the grain's uniform hash, so a silo reads the reminders of its ring range with one indexed query. The ETag is a
/// version number bumped by every upsert; a remove names the version it saw and removes nothing newer.
/// </summary>
internal sealed class PostgresReminderTable(PostgresDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, name, start_at, period_ms, version";

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_id = @id", c => c.With("id", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // The ring range is (begin, end]; begin >= end wraps around zero.
        begin < end
            ? QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_hash > @begin AND grain_hash <= @end", c => c.With("begin", (long)begin).With("end", (long)end))
            : QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_hash > @begin OR grain_hash <= @end", c => c.With("begin", (long)begin).With("end", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_id = @id AND name = @name",
            c => c.With("id", grainId.ToString()).With("name", reminderName)).ConfigureAwait(false)).Reminders.FirstOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await using var command = database.Command("""
            INSERT INTO reminders (grain_id, name, grain_hash, start_at, period_ms, version) VALUES (@id, @name, @hash, @start, @period, 1)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = reminders.version + 1
            RETURNING version
            """).With("id", entry.GrainId.ToString()).With("name", entry.ReminderName).With("hash", (long)entry.GrainId.GetUniformHashCode())
            .With("start", Pg.Ms(new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)))).With("period", (long)entry.Period.TotalMilliseconds);
        var version = (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        await using var command = database.Command("DELETE FROM reminders WHERE grain_id = @id AND name = @name AND version = @version")
            .With("id", grainId.ToString()).With("name", reminderName).With("version", version);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false) == 1;
    }

    public async Task TestOnlyClearTable()
    {
        await using var command = database.Command("DELETE FROM reminders");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<ReminderTableData> QueryAsync(string sql, Action<NpgsqlCommand> bind)
    {
        await using var command = database.Command(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = Pg.Instant(reader.GetInt64(2)).UtcDateTime,
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }
        return new ReminderTableData(entries);
    }
}
