using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notifications.Grains.Storage;
using Orleans.Storage;

namespace Notifications.Storage.Sqlite.GrainStorage;

/// <summary>
/// Orleans grain storage in the silo's SQLite file. Every write is one operation of the single writer, so the
/// writes of many grains made at the same time commit in one transaction (group commit). The ETag is a version
/// number: a write whose version is not the stored one (a stale activation) fails with
/// <see cref="InconsistentStateException"/> and changes nothing. Reads are grouped the same way (<see cref="GrainStateReader"/>).
/// </summary>
internal sealed partial class SqliteGrainStorage(string name, SqliteGrainStorageOptions options, SqliteDatabase database, GrainStateReader reader, ILogger<SqliteGrainStorage> logger) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await reader.ReadAsync(grainId.ToString(), stateName).ConfigureAwait(false);
        if (row is not { } stored)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var payload = stored.Payload;
        grainState.State = payload.Length == 0 ? Activator.CreateInstance<T>() : options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>();
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        // A state cleared with DeleteStateOnClear off keeps its row and version but no payload: no record, as the clear said.
        grainState.RecordExists = payload.Length > 0;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var payload = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var expected = ParseETag(grainState.ETag);
        var version = await database.WriteAsync(session => Write(session, key, stateName, payload, expected, grainState.ETag), CancellationToken.None, WriteLane.Current).ConfigureAwait(false);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var expected = ParseETag(grainState.ETag);
        if (expected is null)
        {
            // This activation saw no record: nothing to clear, unless another activation wrote one since (a conflict).
            await database.WriteAsync(session =>
                session.Raw("SELECT version FROM grain_state WHERE grain_id = ?1 AND state_name = ?2").Bind(1, key).Bind(2, stateName).ExecuteInt64() is null
                    ? true
                    : throw Conflict(session, key, stateName, grainState.ETag), CancellationToken.None, WriteLane.Current).ConfigureAwait(false);
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            return;
        }
        if (options.DeleteStateOnClear)
        {
            await database.WriteAsync(session =>
            {
                var deleted = session.Raw("DELETE FROM grain_state WHERE grain_id = ?1 AND state_name = ?2 AND version = ?3")
                    .Bind(1, key).Bind(2, stateName).Bind(3, expected.Value).Execute();
                if (deleted == 0)
                {
                    throw Conflict(session, key, stateName, grainState.ETag);
                }
                return true;
            }, CancellationToken.None, WriteLane.Current).ConfigureAwait(false);
            grainState.ETag = null;
        }
        else
        {
            var version = await database.WriteAsync(session => Write(session, key, stateName, [], expected, grainState.ETag), CancellationToken.None, WriteLane.Current).ConfigureAwait(false);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private long Write(WriteSession session, string key, string stateName, byte[] payload, long? expected, string? etag)
    {
        var now = Db.Ms(DateTimeOffset.UtcNow);
        if (expected is null)
        {
            var inserted = session.Raw("""
                INSERT INTO grain_state (grain_id, state_name, version, payload, updated_at) VALUES (?1, ?2, 1, ?3, ?4)
                ON CONFLICT DO NOTHING
                """).Bind(1, key).Bind(2, stateName).BindBlob(3, payload).Bind(4, now).Execute();
            return inserted == 1 ? 1 : throw Conflict(session, key, stateName, etag);
        }
        var updated = session.Raw("""
            UPDATE grain_state SET version = version + 1, payload = ?3, updated_at = ?4
            WHERE grain_id = ?1 AND state_name = ?2 AND version = ?5
            """).Bind(1, key).Bind(2, stateName).BindBlob(3, payload).Bind(4, now).Bind(5, expected.Value).Execute();
        return updated == 1 ? expected.Value + 1 : throw Conflict(session, key, stateName, etag);
    }

    private InconsistentStateException Conflict(WriteSession session, string key, string stateName, string? etag)
    {
        var stored = session.Raw("SELECT version FROM grain_state WHERE grain_id = ?1 AND state_name = ?2").Bind(1, key).Bind(2, stateName).ExecuteInt64();
        var storedETag = stored?.ToString(CultureInfo.InvariantCulture);
        LogConflict(logger, name, key, stateName, etag, storedETag);
        return new InconsistentStateException($"Grain storage '{name}': the state '{stateName}' of {key} was written by someone else (expected version {etag ?? "none"}, stored {storedETag ?? "none"}).", storedETag, etag);
    }

    private static long? ParseETag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw new InconsistentStateException($"'{etag}' is not an ETag this storage issued.", null, etag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: write of {GrainId}/{StateName} refused, ETag {ETag} is not the stored {StoredETag} (a stale activation).")]
    private static partial void LogConflict(ILogger logger, string provider, string grainId, string stateName, string? etag, string? storedETag);
}
