using Npgsql;

namespace Notifications.Storage.Postgres.GrainStorage;

/// <summary>
/// Group commit for grain state on PostgreSQL. Writes of many grains made while a batch is in flight go together in
/// the next one: one <see cref="NpgsqlBatch"/> (one round trip, one implicit transaction) of at most four multi-row
/// statements over arrays (inserts, versioned updates, versioned deletes, absence checks). A write whose version does
/// not match simply matches no row, so it fails alone and its neighbours commit. A grain appearing twice in a batch
/// (two activations) is written in order, in successive rounds. Batches in flight at once (GrainBatchesInFlight)
/// may hold the same grain only when two activations race; its version check lets exactly one of them win.
/// </summary>
internal sealed class GrainStateBatchWriter
{
    private const string Insert = """
        INSERT INTO grain_state (grain_id, state_name, version, payload, updated_at)
        SELECT u.g, u.s, 1, u.p, @now FROM unnest(@g, @s, @p) AS u(g, s, p)
        ON CONFLICT DO NOTHING
        RETURNING grain_id, state_name, version
        """;

    private const string Update = """
        UPDATE grain_state AS t SET version = t.version + 1, payload = u.p, updated_at = @now
        FROM unnest(@g, @s, @v, @p) AS u(g, s, v, p)
        WHERE t.grain_id = u.g AND t.state_name = u.s AND t.version = u.v
        RETURNING t.grain_id, t.state_name, t.version
        """;

    private const string Delete = """
        DELETE FROM grain_state AS t USING unnest(@g, @s, @v) AS u(g, s, v)
        WHERE t.grain_id = u.g AND t.state_name = u.s AND t.version = u.v
        RETURNING t.grain_id, t.state_name, NULL::bigint
        """;

    /// <summary>The stored versions of the given keys: for absence checks, and the conflicts' error messages.</summary>
    private const string Versions = """
        SELECT t.grain_id, t.state_name, t.version FROM grain_state AS t
        JOIN unnest(@g, @s) AS u(g, s) ON t.grain_id = u.g AND t.state_name = u.s
        """;

    /// <summary>Deadlocks between silos writing overlapping grains in different orders, resolved by trying the round again.</summary>
    private const int Attempts = 3;

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _time;
    private readonly BatchQueue<GrainStateWrite> _queue;
    private long _roundTrips;

    public GrainStateBatchWriter(PostgresDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _queue = new BatchQueue<GrainStateWrite>(FlushAsync, (write, exception) => write.Completion.TrySetException(exception), database.Options.MaxGrainWritesPerBatch, database.Options.GrainBatchesInFlight);
    }

    /// <summary>Batches sent to the server so far: how tests see that concurrent writes travel together.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public Task<long?> WriteAsync(GrainStateWrite write)
    {
        _queue.Enqueue(write);
        return write.Completion.Task;
    }

    private async Task FlushAsync(List<GrainStateWrite> batch)
    {
        var pending = batch;
        while (pending.Count > 0)
        {
            var keys = new HashSet<(string, string)>();
            var round = new List<GrainStateWrite>(pending.Count);
            var later = new List<GrainStateWrite>();
            foreach (var write in pending)
            {
                (keys.Add(write.Key) ? round : later).Add(write);
            }
            await FlushRoundAsync(round).ConfigureAwait(false);
            pending = later;
        }
    }

    private async Task FlushRoundAsync(List<GrainStateWrite> round)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteRoundAsync(round).ConfigureAwait(false);
                return;
            }
            catch (PostgresException exception) when (attempt < Attempts && exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    private async Task ExecuteRoundAsync(List<GrainStateWrite> round)
    {
        var now = Pg.Ms(_time.GetUtcNow());
        var inserts = round.Where(w => w.Kind == GrainStateWriteKind.Upsert && w.Expected is null).ToList();
        var updates = round.Where(w => w.Kind == GrainStateWriteKind.Upsert && w.Expected is not null).ToList();
        var deletes = round.Where(w => w.Kind == GrainStateWriteKind.Delete).ToList();
        var absent = round.Where(w => w.Kind == GrainStateWriteKind.EnsureAbsent).ToList();

        await using var connection = await _database.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        // One round trip; without an explicit transaction the batch is one implicit transaction.
        await using var batch = new NpgsqlBatch(connection);
        var groups = new List<List<GrainStateWrite>>(4);
        if (inserts.Count > 0)
        {
            batch.BatchCommands.Add(Command(Insert, inserts, now, withVersion: false, withPayload: true));
            groups.Add(inserts);
        }
        if (updates.Count > 0)
        {
            batch.BatchCommands.Add(Command(Update, updates, now, withVersion: true, withPayload: true));
            groups.Add(updates);
        }
        if (deletes.Count > 0)
        {
            batch.BatchCommands.Add(Command(Delete, deletes, null, withVersion: true, withPayload: false));
            groups.Add(deletes);
        }
        if (absent.Count > 0)
        {
            batch.BatchCommands.Add(Command(Versions, absent, null, withVersion: false, withPayload: false));
            groups.Add(absent);
        }

        var applied = new Dictionary<(string, string), long?>(round.Count);
        var present = new Dictionary<(string, string), long>();
        Interlocked.Increment(ref _roundTrips);
        await using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            foreach (var group in groups)
            {
                var target = ReferenceEquals(group, absent) ? null : applied;
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    var key = (reader.GetString(0), reader.GetString(1));
                    long? version = reader.IsDBNull(2) ? null : reader.GetInt64(2);
                    if (target is null)
                    {
                        present[key] = version!.Value;
                    }
                    else
                    {
                        target[key] = version;
                    }
                }
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        var conflicts = new List<GrainStateWrite>();
        foreach (var write in round)
        {
            if (write.Kind == GrainStateWriteKind.EnsureAbsent)
            {
                if (present.TryGetValue(write.Key, out var stored))
                {
                    write.Completion.TrySetException(new GrainStateConflict(stored));
                }
                else
                {
                    write.Completion.TrySetResult(null);
                }
            }
            else if (applied.TryGetValue(write.Key, out var version))
            {
                write.Completion.TrySetResult(version);
            }
            else
            {
                conflicts.Add(write);
            }
        }
        if (conflicts.Count > 0)
        {
            await FailConflictsAsync(connection, conflicts).ConfigureAwait(false);
        }
    }

    /// <summary>Refused writes learn the version stored now, for the exception Orleans shows (rare: stale activations only).</summary>
    private static async Task FailConflictsAsync(NpgsqlConnection connection, List<GrainStateWrite> conflicts)
    {
        var stored = new Dictionary<(string, string), long>(conflicts.Count);
        try
        {
            await using var command = new NpgsqlCommand(Versions, connection);
            command.With("g", conflicts.Select(c => c.GrainId).ToArray()).With("s", conflicts.Select(c => c.StateName).ToArray());
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                stored[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }
        finally
        {
            foreach (var write in conflicts)
            {
                write.Completion.TrySetException(new GrainStateConflict(stored.TryGetValue(write.Key, out var version) ? version : null));
            }
        }
    }

    private static NpgsqlBatchCommand Command(string sql, List<GrainStateWrite> writes, long? now, bool withVersion, bool withPayload)
    {
        var command = new NpgsqlBatchCommand(sql)
            .With("g", writes.Select(w => w.GrainId).ToArray())
            .With("s", writes.Select(w => w.StateName).ToArray());
        if (withVersion)
        {
            command.With("v", writes.Select(w => w.Expected!.Value).ToArray());
        }
        if (withPayload)
        {
            command.With("p", writes.Select(w => w.Payload).ToArray());
        }
        if (now is { } at)
        {
            command.With("now", at);
        }
        return command;
    }
}
