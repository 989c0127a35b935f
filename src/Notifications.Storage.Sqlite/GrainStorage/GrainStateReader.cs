using Microsoft.Data.Sqlite;

namespace Notifications.Storage.Sqlite.GrainStorage;

/// <summary>
/// Group reads for grain activations, the counterpart of the writer's group commit: states asked for while a read
/// is running are fetched together by the next one, in a single query. A silo activating thousands of users a
/// second then pays one statement per few hundred grains instead of one each; an idle silo reads at once.
/// </summary>
internal sealed class GrainStateReader(SqliteDatabase database)
{
    /// <summary>Kept well under SQLite's bound-parameter limit.</summary>
    private const int MaxPerQuery = 400;

    private readonly Lock _gate = new();
    private List<Request> _waiting = [];
    private bool _reading;

    /// <summary>The stored version and payload of one state, or null when there is no row.</summary>
    public Task<(long Version, byte[] Payload)?> ReadAsync(string grainId, string stateName)
    {
        var request = new Request(grainId, stateName);
        bool start;
        lock (_gate)
        {
            _waiting.Add(request);
            start = !_reading;
            _reading = true;
        }
        if (start)
        {
            _ = Task.Run(DrainAsync);
        }
        return request.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _reading = false;
                    return;
                }
                batch = _waiting;
                _waiting = [];
            }
            foreach (var chunk in batch.Chunk(MaxPerQuery))
            {
                try
                {
                    var rows = await database.ReadAsync(connection => Query(connection, chunk), CancellationToken.None).ConfigureAwait(false);
                    foreach (var request in chunk)
                    {
                        request.Completion.TrySetResult(rows.TryGetValue((request.GrainId, request.StateName), out var row) ? row : null);
                    }
                }
                catch (Exception exception)
                {
                    foreach (var request in chunk)
                    {
                        request.Completion.TrySetException(exception);
                    }
                }
            }
        }
    }

    private static Dictionary<(string, string), (long, byte[])> Query(SqliteConnection connection, Request[] chunk)
    {
        using var command = connection.CreateCommand();
        var names = new string[chunk.Length];
        for (var i = 0; i < chunk.Length; i++)
        {
            names[i] = "$g" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.With(names[i], chunk[i].GrainId);
        }
        // Grain ids are unique per state name in practice (one state per grain type); the name is checked per row.
        command.CommandText = $"SELECT grain_id, state_name, version, payload FROM grain_state WHERE grain_id IN ({string.Join(',', names)})";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<(string, string), (long, byte[])>(chunk.Length);
        while (reader.Read())
        {
            rows[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), (byte[])reader.GetValue(3));
        }
        return rows;
    }

    private sealed class Request(string grainId, string stateName)
    {
        public string GrainId { get; } = grainId;
        public string StateName { get; } = stateName;
        public TaskCompletionSource<(long Version, byte[] Payload)?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
