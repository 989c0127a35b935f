using Npgsql;

namespace Notifications.Storage.Postgres.GrainStorage;

/// <summary>
/// Group reads for grain activations, the counterpart of <see cref="GrainStateBatchWriter"/>: states asked for while a
/// read is in flight are fetched together by the next one, in a single query over arrays of keys.
/// </summary>
internal sealed class GrainStateBatchReader
{
    private const string Select = """
        SELECT t.grain_id, t.state_name, t.version, t.payload FROM grain_state AS t
        JOIN unnest(@g, @s) AS u(g, s) ON t.grain_id = u.g AND t.state_name = u.s
        """;

    private readonly PostgresDatabase _database;
    private readonly BatchQueue<Request> _queue;

    public GrainStateBatchReader(PostgresDatabase database)
    {
        _database = database;
        _queue = new BatchQueue<Request>(FlushAsync, (request, exception) => request.Completion.TrySetException(exception), database.Options.MaxGrainWritesPerBatch);
    }

    /// <summary>The stored version and payload of one state, or null when there is no row.</summary>
    public Task<(long Version, byte[] Payload)?> ReadAsync(string grainId, string stateName)
    {
        var request = new Request(grainId, stateName);
        _queue.Enqueue(request);
        return request.Completion.Task;
    }

    private async Task FlushAsync(List<Request> batch)
    {
        var rows = new Dictionary<(string, string), (long, byte[])>(batch.Count);
        await using (var command = _database.Command(Select))
        {
            command.With("g", batch.Select(r => r.GrainId).ToArray()).With("s", batch.Select(r => r.StateName).ToArray());
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
            }
        }
        foreach (var request in batch)
        {
            request.Completion.TrySetResult(rows.TryGetValue((request.GrainId, request.StateName), out var row) ? row : null);
        }
    }

    private sealed class Request(string grainId, string stateName)
    {
        public string GrainId { get; } = grainId;
        public string StateName { get; } = stateName;
        public TaskCompletionSource<(long Version, byte[] Payload)?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
