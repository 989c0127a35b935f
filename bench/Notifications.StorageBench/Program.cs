using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications;
using Notifications.Domain.Effects;
using Notifications.Grains.Users;
using Notifications.LoadGenerator;
using Notifications.StorageBench;

// The SQLite provider alone, without grains or HTTP, against the raw insert rate of the same disk in the same run:
// (a) raw SQLite: small rows in 1000-row transactions into a fresh file (WAL, synchronous FULL);
// (b) SqliteGrainStorage: concurrent grain-state writes (1000 grains, each rewriting its ~1 KB JSON state);
// (c) SqliteEffectStore: concurrent ApplyAsync of one turn's records (1 notification record + 1 inbox row).
// --postgres measures the PostgreSQL grain storage against Orleans' Redis one instead (see PostgresComparison).
// With --streams: the SQLite stream provider end to end instead (see Streams/StreamsBench.cs); --streams --postgres
// adds the PostgreSQL stream provider on a private server.
// Usage: dotnet bench/Notifications.StorageBench/bin/Release/net10.0/Notifications.StorageBench.dll [--seconds 10] [--postgres] [--streams [--producers 128] [--events-per-call 1]]
const int Grains = 1000;
const int Turns = 1000;
var seconds = 10;
var postgres = false;
var streams = false;
var producers = 128;
var eventsPerCall = 1;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--seconds" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
    {
        i++;
        continue;
    }
    if (args[i] == "--postgres")
    {
        postgres = true;
        continue;
    }
    if (args[i] == "--streams")
    {
        streams = true;
        continue;
    }
    if (args[i] == "--producers" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out producers) && producers > 0)
    {
        i++;
        continue;
    }
    if (args[i] == "--events-per-call" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out eventsPerCall) && eventsPerCall is > 0 and <= 10_000)
    {
        i++;
        continue;
    }
    Console.Error.WriteLine("Usage: Notifications.StorageBench [--seconds N] [--postgres] [--streams [--producers P] [--events-per-call E]]   (N > 0: seconds per phase, 10 by default; P > 0: concurrent producers, 128 by default; E in 1..10000: events per publish call, 1 by default)");
    return 2;
}
var phase = TimeSpan.FromSeconds(seconds);
if (postgres && !streams)
{
    return await PostgresComparison.RunAsync(phase);
}
var directory = Path.Combine(Path.GetTempPath(), $"storage-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(directory);
try
{
    if (streams)
    {
        return await Notifications.StorageBench.Streams.StreamsBench.RunAsync(directory, TimeSpan.FromSeconds(seconds), producers, eventsPerCall, postgres);
    }
    Console.WriteLine($"SQLite storage, {seconds} s per phase, WAL, synchronous FULL, {Environment.ProcessorCount} cores");
    var baseline = SqliteBaseline.BatchedRowsPerSecond(directory, "FULL", phase);
    Console.WriteLine($"(a) raw SQLite, small rows in 1000-row transactions: {baseline,12:N0} rows/s");

    await using var store = await BenchStore.OpenAsync(Path.Combine(directory, "bench.db"));

    // (b) Every grain written once first (the inserts), then rewritten with its ETag for the timed phase.
    var grains = Enumerable.Range(0, Grains).Select(i => (Id: GrainId.Create("user", $"user-{i}"), State: new BenchGrainState(BenchState.For(i)))).ToArray();
    await Task.WhenAll(grains.Select(g => store.GrainStorage.WriteStateAsync("user", g.Id, g.State)));
    var stateBytes = JsonSerializer.SerializeToUtf8Bytes(grains[0].State.State, NotificationJson.Options).Length;
    var writes = await ClosedLoop.RunAsync(Grains, phase, worker =>
    {
        var (id, state) = grains[worker];
        state.State.Turn++;
        return store.GrainStorage.WriteStateAsync("user", id, state);
    });
    Report("(b) SqliteGrainStorage", $"{Grains} grains x {stateBytes:N0}-byte JSON state, concurrent writes", writes, "writes/s", baseline);

    // (c) Each apply a new notification for one of Turns users: a record and an inbox row.
    var now = DateTimeOffset.UtcNow;
    var turn = 0L;
    var applies = await ClosedLoop.RunAsync(Turns, phase, worker =>
    {
        var id = Guid.CreateVersion7();
        var user = $"user-{worker}";
        var effects = new PendingEffects(
            Interlocked.Increment(ref turn),
            Priority.Normal,
            [new NotificationRecord(id, user, "bench", "social", Priority.Normal, NotificationStatus.Dispatched, "Benchmark", "A notification body of ordinary length.", now)],
            [new InboxEntry(id, user, "bench", "social", "Benchmark", "A notification body of ordinary length.", new Dictionary<string, string>(), now)],
            []);
        return store.Effects.ApplyAsync(effects, CancellationToken.None);
    });
    Report("(c) SqliteEffectStore", $"1 notification + 1 inbox row per apply, {Turns} concurrent", applies, "applies/s", baseline);

    Console.WriteLine(JsonSerializer.Serialize(new
    {
        seconds,
        baselineRowsPerSecond = Math.Round(baseline),
        grainWritesPerSecond = Math.Round(writes.PerSecond),
        grainWriteCpuMicroseconds = Math.Round(writes.CpuMicrosecondsPerOperation, 1),
        grainStateBytes = stateBytes,
        ratioGrainWritesToBaseline = Math.Round(writes.PerSecond / baseline, 4),
        effectAppliesPerSecond = Math.Round(applies.PerSecond),
        effectApplyCpuMicroseconds = Math.Round(applies.CpuMicrosecondsPerOperation, 1),
        ratioEffectAppliesToBaseline = Math.Round(applies.PerSecond / baseline, 4),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

static void Report(string name, string shape, PhaseResult result, string unit, double baseline) =>
    Console.WriteLine($"{name}, {shape}: {result.PerSecond,12:N0} {unit}, {result.PerSecond / baseline:0.000} x baseline, {result.CpuMicrosecondsPerOperation:0.0} us CPU each");
