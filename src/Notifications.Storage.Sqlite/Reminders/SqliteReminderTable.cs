using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Notifications.Storage.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table in the silo's SQLite file. Rows are keyed by grain and reminder name and carry the
/// grain's uniform hash, so a silo reads the reminders of its ring range with one indexed query. The ETag is a
/// version number bumped by every upsert.
/// </summary>
internal sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, name, start_at, period_ms, version";

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Query($"SELECT {Columns} FROM reminders WHERE grain_id = $id", c => c.With("$id", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // The ring range is (begin, end]; begin >= end wraps around zero.
        begin < end
            ? Query($"SELECT {Columns} FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end", c => c.With("$begin", (long)begin).With("$end", (long)end))
            : Query($"SELECT {Columns} FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end", c => c.With("$begin", (long)begin).With("$end", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await Query($"SELECT {Columns} FROM reminders WHERE grain_id = $id AND name = $name",
            c => c.With("$id", grainId.ToString()).With("$name", reminderName)).ConfigureAwait(false);
        return rows.Reminders.FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var version = await database.WriteAsync(session => session.Raw("""
            INSERT INTO reminders (grain_id, name, grain_hash, start_at, period_ms, version) VALUES (?1, ?2, ?3, ?4, ?5, 1)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = reminders.version + 1
            RETURNING version
            """).Bind(1, entry.GrainId.ToString()).Bind(2, entry.ReminderName).Bind(3, (long)entry.GrainId.GetUniformHashCode())
            .Bind(4, Db.Ms(new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)))).Bind(5, (long)entry.Period.TotalMilliseconds)
            .ExecuteInt64(), CancellationToken.None).ConfigureAwait(false);
        return version?.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? database.WriteAsync(session => session.Raw("DELETE FROM reminders WHERE grain_id = ?1 AND name = ?2 AND version = ?3")
                .Bind(1, grainId.ToString()).Bind(2, reminderName).Bind(3, version).Execute() == 1, CancellationToken.None)
            : Task.FromResult(false);

    public Task TestOnlyClearTable() => database.WriteAsync(session => session.Raw("DELETE FROM reminders").Execute(), CancellationToken.None);

    private Task<ReminderTableData> Query(string sql, Action<SqliteCommand> bind) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using var reader = command.ExecuteReader();
            var entries = new List<ReminderEntry>();
            while (reader.Read())
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                    ReminderName = reader.GetString(1),
                    StartAt = Db.Instant(reader.GetInt64(2)).UtcDateTime,
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
                });
            }
            return new ReminderTableData(entries);
        }, CancellationToken.None);
}
