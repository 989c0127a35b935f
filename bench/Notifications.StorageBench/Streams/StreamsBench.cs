using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Notifications.Grains;
using Notifications.LoadGenerator;
using Notifications.Testing;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Streams;

namespace Notifications.StorageBench.Streams;

/// <summary>
/// Events per second end to end (publish in a producer grain until its event is in an implicit subscriber), in one
/// silo, in the same run: (a) raw SQLite, small rows in 1000-row transactions, the disk's ceiling; (b) Orleans'
/// memory streams, no durability, the runtime's ceiling; (c) the SQLite stream provider, synchronous FULL. Many
/// producers publish at once, one event per call or a chunk per <c>OnNextBatchAsync</c> (one queue row); a phase
/// ends when every published event has been received. With <c>--postgres</c>, also (d) the PostgreSQL stream provider
/// on a private server with fsync on, after (a') its own ceiling: binary COPY of rows of the same size, 1000 per commit.
/// </summary>
internal static class StreamsBench
{
    public static async Task<int> RunAsync(string directory, TimeSpan phase, int producers, int eventsPerCall, bool postgres)
    {
        Console.WriteLine($"Streams, {phase.TotalSeconds:0} s of publishing per phase, {producers} producers (one stream each), {eventsPerCall} event(s) per publish call, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
        var baseline = SqliteBaseline.BatchedRowsPerSecond(directory, "FULL", phase);
        Console.WriteLine($"(a) raw SQLite, small rows in 1000-row transactions: {baseline,12:N0} rows/s");

        await using var server = postgres ? await PostgresServer.StartAsync(durable: true) : null;
        string? connectionString = null;
        var copyBaseline = double.NaN;
        if (server is not null)
        {
            connectionString = await server.CreateDatabaseAsync("streams");
            // A queue row of this bench carries one ~60-byte serialised event: COPY rows of that size.
            copyBaseline = await PostgresCopyBaseline.RowsPerSecondAsync(await server.CreateDatabaseAsync("copy"), new byte[64], phase);
            Console.WriteLine($"(a') raw PostgreSQL, 64-byte rows by binary COPY, 1000 per commit, fsync on: {copyBaseline,12:N0} rows/s");
        }

        using var host = BuildSilo(Path.Combine(directory, "streams.db"), connectionString);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        // Warm every path (activations, pulling agents, prepared statements) before timing them.
        await RunPhaseAsync(grains, StreamsBenchNames.Memory, TimeSpan.FromSeconds(1), producers, eventsPerCall);
        await RunPhaseAsync(grains, StreamsBenchNames.Sqlite, TimeSpan.FromSeconds(1), producers, eventsPerCall);
        if (postgres)
        {
            await RunPhaseAsync(grains, StreamsBenchNames.Postgres, TimeSpan.FromSeconds(1), producers, eventsPerCall);
        }

        var memory = await RunPhaseAsync(grains, StreamsBenchNames.Memory, phase, producers, eventsPerCall);
        Report("(b) Orleans memory streams", memory, baseline, memory.PerSecond);
        var sqlite = await RunPhaseAsync(grains, StreamsBenchNames.Sqlite, phase, producers, eventsPerCall);
        Report("(c) SQLite streams (durable)", sqlite, baseline, memory.PerSecond);
        PhaseResult? pg = null;
        if (postgres)
        {
            pg = await RunPhaseAsync(grains, StreamsBenchNames.Postgres, phase, producers, eventsPerCall);
            Report("(d) PostgreSQL streams (durable)", pg, copyBaseline, memory.PerSecond);
            Console.WriteLine($"(d) / (c): {pg.PerSecond / sqlite.PerSecond:0.000} x SQLite streams");
        }
        await host.StopAsync();

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            seconds = phase.TotalSeconds,
            producers,
            eventsPerCall,
            baselineRowsPerSecond = Math.Round(baseline),
            memoryEventsPerSecond = Math.Round(memory.PerSecond),
            memoryCpuMicroseconds = Math.Round(memory.CpuMicrosecondsPerOperation, 1),
            sqliteEventsPerSecond = Math.Round(sqlite.PerSecond),
            sqliteCpuMicroseconds = Math.Round(sqlite.CpuMicrosecondsPerOperation, 1),
            ratioSqliteToBaseline = Math.Round(sqlite.PerSecond / baseline, 4),
            ratioSqliteToMemory = Math.Round(sqlite.PerSecond / memory.PerSecond, 4),
            copyBaselineRowsPerSecond = pg is null ? (double?)null : Math.Round(copyBaseline),
            postgresEventsPerSecond = pg is null ? (double?)null : Math.Round(pg.PerSecond),
            postgresCpuMicroseconds = pg is null ? (double?)null : Math.Round(pg.CpuMicrosecondsPerOperation, 1),
            ratioPostgresToCopyBaseline = pg is null ? (double?)null : Math.Round(pg.PerSecond / copyBaseline, 4),
            ratioPostgresToMemory = pg is null ? (double?)null : Math.Round(pg.PerSecond / memory.PerSecond, 4),
            ratioPostgresToSqlite = pg is null ? (double?)null : Math.Round(pg.PerSecond / sqlite.PerSecond, 4),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return 0;
    }

    private static IHost BuildSilo(string databasePath, string? postgresConnectionString)
    {
        // No defaults: the repository's appsettings.json (information-level logging) is not this benchmark's.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>(PiiTestKeys.Settings()) { ["Storage:Sqlite:Path"] = databasePath, ["Storage:Postgres:ConnectionString"] = postgresConnectionString };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            // The product's grain interfaces load with the storage assembly; their contracts need the product's serializer.
            silo.Services.AddSerializer(serializer => serializer.AddNotificationContracts());
            silo.Services.AddSqliteRecordStores(builder.Configuration);
            silo.AddSqliteStreams(StreamsBenchNames.Sqlite, configureStream: stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            silo.AddMemoryStreams(StreamsBenchNames.Memory, stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            if (postgresConnectionString is not null)
            {
                silo.Services.AddPostgresRecordStores(builder.Configuration);
                silo.AddPostgresStreams(StreamsBenchNames.Postgres, configureStream: stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            }
        });
        return builder.Build();
    }

    private static async Task<PhaseResult> RunPhaseAsync(IGrainFactory grains, string provider, TimeSpan duration, int producers, int eventsPerCall)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var receivedBefore = StreamsBenchCounter.Count;
        var watch = Stopwatch.StartNew();
        var until = DateTime.UtcNow + duration;
        var run = Guid.NewGuid().ToString("N");
        var counts = await Task.WhenAll(Enumerable.Range(0, producers).Select(i => grains.GetGrain<IBenchProducerGrain>($"{provider}-{run}-{i}").PublishUntilAsync(provider, until, eventsPerCall)));
        var published = counts.Sum();
        while (StreamsBenchCounter.Count - receivedBefore < published)
        {
            if (watch.Elapsed > duration * 4 + TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{provider}: {StreamsBenchCounter.Count - receivedBefore} of {published} events received.");
            }
            await Task.Delay(5);
        }
        watch.Stop();
        process.Refresh();
        return new PhaseResult(published, watch.Elapsed, process.TotalProcessorTime - cpu);
    }

    private static void Report(string name, PhaseResult result, double baseline, double memory) =>
        Console.WriteLine($"{name}: {result.PerSecond,12:N0} events/s end to end, {result.PerSecond / baseline:0.000} x baseline, {result.PerSecond / memory:0.000} x memory streams, {result.CpuMicrosecondsPerOperation:0.0} us CPU each");
}
