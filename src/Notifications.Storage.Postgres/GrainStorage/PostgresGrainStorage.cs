using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Notifications.Storage.Postgres.GrainStorage;

/// <summary>
/// Orleans grain storage in the cluster's PostgreSQL database. Writes and reads of many grains made at the same time
/// go to the server together (<see cref="GrainStateBatchWriter"/>, <see cref="GrainStateBatchReader"/>). The ETag is a
/// version number: a write whose version is not the stored one (a stale activation) fails with
/// <see cref="InconsistentStateException"/> and changes nothing, while the other writes of its batch commit.
/// </summary>
internal sealed partial class PostgresGrainStorage(
    string name, PostgresGrainStorageOptions options, GrainStateBatchWriter writer, GrainStateBatchReader reader, ILogger<PostgresGrainStorage> logger) : IGrainStorage
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
        var payload = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var version = await SubmitAsync(grainId, stateName, GrainStateWriteKind.Upsert, grainState.ETag, payload).ConfigureAwait(false);
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // No ETag: this activation saw no record; nothing to clear, unless another activation wrote one since (a conflict).
        var kind = grainState.ETag is null ? GrainStateWriteKind.EnsureAbsent
            : options.DeleteStateOnClear ? GrainStateWriteKind.Delete
            : GrainStateWriteKind.Upsert;
        var version = await SubmitAsync(grainId, stateName, kind, grainState.ETag, []).ConfigureAwait(false);
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private async Task<long?> SubmitAsync(GrainId grainId, string stateName, GrainStateWriteKind kind, string? etag, byte[] payload)
    {
        var key = grainId.ToString();
        try
        {
            return await writer.WriteAsync(new GrainStateWrite(key, stateName, kind, ParseETag(etag), payload)).ConfigureAwait(false);
        }
        catch (GrainStateConflict conflict)
        {
            var storedETag = conflict.StoredVersion?.ToString(CultureInfo.InvariantCulture);
            LogConflict(logger, name, key, stateName, etag, storedETag);
            throw new InconsistentStateException(
                $"Grain storage '{name}': the state '{stateName}' of {key} was written by someone else (expected version {etag ?? "none"}, stored {storedETag ?? "none"}).",
                storedETag, etag);
        }
    }

    private static long? ParseETag(string? etag) =>
        etag is null ? null
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw new InconsistentStateException($"'{etag}' is not an ETag this storage issued.", null, etag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: write of {GrainId}/{StateName} refused, ETag {ETag} is not the stored {StoredETag} (a stale activation).")]
    private static partial void LogConflict(ILogger logger, string provider, string grainId, string stateName, string? etag, string? storedETag);
}
