using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Notifications.Grains.Storage;
using Notifications.Testing;
using Orleans.Storage;
using StackExchange.Redis;

namespace Notifications.StorageBench;

/// <summary>
/// The cluster profile's grain storage against Orleans' stock providers, in one silo, in the same run, with the raw
/// COPY rate of the same PostgreSQL server as the baseline:
/// (a) raw PostgreSQL: binary COPY of grain-state rows, 1000 per committed COPY;
/// (b) PostgresGrainStorage (ours, batched): concurrent writes of 1000 grains' ~1 KB JSON states;
/// (c) Orleans' AdoNetGrainStorage (stock) on the same server, with a schema of ours (<see cref="StockAdoNetSchema"/>);
/// (d) Orleans' RedisGrainStorage (stock): the same writes, redis-server with appendfsync always.
/// All use the same JSON serializer. PostgreSQL runs with fsync on (durable), as a production server would. (b)-(d)
/// run in interleaved slices; (a) runs first, alone.
/// </summary>
internal static class PostgresComparison
{
    private const int Grains = 1000;

    /// <summary>Each provider's time is cut into this many slices, taken in turn.</summary>
    private const int Rounds = 5;

    public static async Task<int> RunAsync(TimeSpan phase)
    {
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        await using var redis = await RedisServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        Console.WriteLine($"PostgreSQL grain storage vs stock AdoNet and Redis, {phase.TotalSeconds:0} s per phase, {Environment.ProcessorCount} cores, PostgreSQL fsync on, Redis appendfsync always");

        var payload = JsonSerializer.SerializeToUtf8Bytes(BenchState.For(0), NotificationJson.Options);
        var baseline = await PostgresCopyBaseline.RowsPerSecondAsync(await postgres.CreateDatabaseAsync("copy"), payload, phase);
        Console.WriteLine($"(a) raw PostgreSQL COPY, {payload.Length:N0}-byte rows, 1000 per COPY: {baseline,12:N0} rows/s");

        var adoNetDatabase = await postgres.CreateDatabaseAsync("adonet");
        await StockAdoNetSchema.CreateAsync(adoNetDatabase);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Storage:Postgres:ConnectionString"] = connectionString;
        builder.Configuration.AddInMemoryCollection(PiiTestKeys.Settings());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.Services.AddPostgresRecordStores(builder.Configuration);
            // Plain JSON like the stock providers below (the silo seals states by default): the same bytes for all.
            silo.AddPostgresGrainStorage("postgres", options => options.GrainStorageSerializer = new JsonGrainStateSerializer());
            silo.AddAdoNetGrainStorage("adonet", options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = adoNetDatabase;
                options.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
            silo.AddRedisGrainStorage("redis", options =>
            {
                options.ConfigurationOptions = ConfigurationOptions.Parse(redis.Endpoint);
                options.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var phases = new[]
            {
                await GrainWritePhase.PrepareAsync(host.Services.GetRequiredKeyedService<IGrainStorage>("postgres"), "pg", Grains),
                await GrainWritePhase.PrepareAsync(host.Services.GetRequiredKeyedService<IGrainStorage>("adonet"), "adonet", Grains),
                await GrainWritePhase.PrepareAsync(host.Services.GetRequiredKeyedService<IGrainStorage>("redis"), "redis", Grains),
            };
            // Interleaved slices, so a load swing on the shared machine hits every provider alike rather than one phase.
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var provider in phases)
                {
                    await provider.RunAsync(phase / Rounds);
                }
            }
            var (ours, adoNet, stock) = (phases[0].Total, phases[1].Total, phases[2].Total);
            Report("(b) PostgresGrainStorage (ours)", ours, baseline);
            Report("(c) AdoNetGrainStorage (stock, PostgreSQL)", adoNet, baseline);
            Report("(d) RedisGrainStorage (stock)", stock, baseline);
            Console.WriteLine($"ours / stock AdoNet: {ours.PerSecond / adoNet.PerSecond:0.00} x, ours / stock Redis: {ours.PerSecond / stock.PerSecond:0.00} x");
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                seconds = phase.TotalSeconds,
                copyRowsPerSecond = Math.Round(baseline),
                postgresWritesPerSecond = Math.Round(ours.PerSecond),
                postgresCpuMicroseconds = Math.Round(ours.CpuMicrosecondsPerOperation, 1),
                adoNetWritesPerSecond = Math.Round(adoNet.PerSecond),
                adoNetCpuMicroseconds = Math.Round(adoNet.CpuMicrosecondsPerOperation, 1),
                redisWritesPerSecond = Math.Round(stock.PerSecond),
                redisCpuMicroseconds = Math.Round(stock.CpuMicrosecondsPerOperation, 1),
                ratioPostgresToCopy = Math.Round(ours.PerSecond / baseline, 4),
                ratioRedisToCopy = Math.Round(stock.PerSecond / baseline, 4),
                ratioAdoNetToCopy = Math.Round(adoNet.PerSecond / baseline, 4),
                ratioPostgresToAdoNet = Math.Round(ours.PerSecond / adoNet.PerSecond, 2),
                ratioPostgresToRedis = Math.Round(ours.PerSecond / stock.PerSecond, 2),
            }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        }
        finally
        {
            await host.StopAsync();
        }
        return 0;
    }

    private static void Report(string name, PhaseResult result, double baseline) =>
        Console.WriteLine($"{name}, {Grains} grains, concurrent writes: {result.PerSecond,12:N0} writes/s, {result.PerSecond / baseline:0.000} x COPY, {result.CpuMicrosecondsPerOperation:0.0} us CPU each");

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
