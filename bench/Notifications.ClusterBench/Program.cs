using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Notifications;
using Notifications.Api;
using Notifications.ClusterBench;
using Notifications.Testing;

// One silo vs two vs three on one Redis (membership, reminders) and one PostgreSQL (grain state, records), all on this
// machine, in one sitting: accepted notifications per second, and the CPU each one costs, split into the silos,
// PostgreSQL and Redis. On a 2-core machine more silos cannot add throughput; the CPU split is what sizes a deployment
// (docs/benchmarks.md, "Cluster").
// Usage: dotnet bench/Notifications.ClusterBench/bin/Release/net10.0/Notifications.ClusterBench.dll
//          [--silos 1,2,3] [--duration 30] [--warmup 5] [--users 100000] [--senders 8] [--batch 500] [--silo path/NotificationSilo.dll]
//          [--campaign N] [--timeout 600]
// --silo runs another build of the silo (a baseline's, to compare before and after a change in the same sitting).
// --campaign runs, instead of the notification load, one in-app campaign to N imported users on each cluster size
// (ClusterCampaign), giving up --timeout seconds after the start command.
var silos = new[] { 1, 2, 3 };
string? siloDll = null;
int duration = 30, warmup = 5, users = 100_000, senders = 8, batch = 500, campaign = 0, timeout = 600;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--silos": silos = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))]; break;
        case "--duration": duration = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--users": users = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--senders": senders = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--batch": batch = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--silo": siloDll = Path.GetFullPath(value); break;
        case "--campaign": campaign = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--timeout": timeout = int.Parse(value, CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Known: --silos --duration --warmup --users --senders --batch --silo --campaign --timeout.");
            return 2;
    }
}

siloDll ??= SiloBuild.DllPath();
if (!File.Exists(siloDll))
{
    Console.Error.WriteLine($"--silo: {siloDll} does not exist.");
    return 2;
}

await using var redis = await RedisServer.StartAsync();
await using var postgres = await PostgresServer.StartAsync(durable: true);
using var scratch = new TempDirectory("cluster-bench");
var random = new Random(42);
var payloads = Enumerable.Range(0, 128).Select(b => JsonSerializer.SerializeToUtf8Bytes(new BatchSendRequest(
    [.. Enumerable.Range(0, batch).Select(i => new SendNotificationRequest
    {
        UserId = $"user-{random.Next(users)}",
        Content = new InlineContent("Benchmark", $"Notification {b}-{i}"),
    })]), NotificationJson.Options)).ToArray();

foreach (var count in silos)
{
    var database = await postgres.CreateDatabaseAsync($"bench{count}");
    var settings = new Dictionary<string, string>
    {
        ["Cluster:Provider"] = "Redis",
        ["Cluster:Redis:ConnectionString"] = redis.ConnectionString,
        ["Cluster:ClusterId"] = $"bench-{count}-{Guid.NewGuid():N}"[..20],
        ["Storage:Provider"] = "Postgres",
        ["Storage:Postgres:ConnectionString"] = database,
        ["Security:Pii:CurrentKey"] = "k1",
        ["Security:Pii:Keys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Security:Pii:IndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Logging:LogLevel:Default"] = "Warning",
        ["Silo:Campaigns:MaxRatePerSecond"] = "1000000",
    };
    var processes = new List<SiloProcess>();
    try
    {
        for (var i = 0; i < count; i++)
        {
            processes.Add(await SiloProcess.StartAsync(siloDll, scratch.File($"unused-{count}-{i}.db"),
                new Dictionary<string, string>(settings) { ["Silo:SiloId"] = $"silo-{i}" }, TimeSpan.FromMinutes(2)));
        }
        if (campaign > 0)
        {
            var report = await ClusterCampaign.RunAsync(processes, campaign, TimeSpan.FromSeconds(timeout),
                () => processes.Sum(p => ProcessTreeCpu.Seconds(p.ProcessId)) + ProcessTreeCpu.Seconds(postgres.ProcessId) + ProcessTreeCpu.Seconds(redis.ProcessId));
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            continue;
        }
        await RunAsync(processes, TimeSpan.FromSeconds(warmup));
        var siloCpu = processes.Sum(p => ProcessTreeCpu.Seconds(p.ProcessId));
        var postgresCpu = ProcessTreeCpu.Seconds(postgres.ProcessId);
        var redisCpu = ProcessTreeCpu.Seconds(redis.ProcessId);
        var activity = await PostgresActivity.ReadAsync(database);
        var clock = Stopwatch.StartNew();
        var (accepted, failed) = await RunAsync(processes, TimeSpan.FromSeconds(duration));
        var seconds = clock.Elapsed.TotalSeconds;
        siloCpu = processes.Sum(p => ProcessTreeCpu.Seconds(p.ProcessId)) - siloCpu;
        postgresCpu = ProcessTreeCpu.Seconds(postgres.ProcessId) - postgresCpu;
        redisCpu = ProcessTreeCpu.Seconds(redis.ProcessId) - redisCpu;
        activity = await PostgresActivity.ReadAsync(database) - activity;
        double Micro(double cpu) => Math.Round(cpu * 1e6 / Math.Max(1, accepted), 1);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            silos = count,
            acceptedPerSecond = Math.Round(accepted / seconds),
            failedRequests = failed,
            cpuMicrosecondsPerNotification = new { silos = Micro(siloCpu), postgres = Micro(postgresCpu), redis = Micro(redisCpu), total = Micro(siloCpu + postgresCpu + redisCpu) },
            postgresShare = Math.Round(postgresCpu / (siloCpu + postgresCpu + redisCpu), 3),
            postgresTransactionsPerSecond = Math.Round(activity.Transactions / seconds),
            postgresTransactionsPerNotification = Math.Round((double)activity.Transactions / Math.Max(1, accepted), 4),
            walBytesPerNotification = Math.Round((double)activity.WalBytes / Math.Max(1, accepted)),
            options = new { duration, warmup, users, senders, batch, cores = Environment.ProcessorCount, silo = siloDll },
        }));
    }
    finally
    {
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }
}
return 0;

// Senders spread over the silos round-robin, each posting prepared batches back to back.
async Task<(long Accepted, long Failed)> RunAsync(IReadOnlyList<SiloProcess> processes, TimeSpan length)
{
    long accepted = 0, failed = 0, sequence = 0;
    var until = DateTimeOffset.UtcNow + length;
    await Task.WhenAll(Enumerable.Range(0, senders).Select(async sender =>
    {
        using var client = processes[sender % processes.Count].CreateClient();
        while (DateTimeOffset.UtcNow < until)
        {
            using var content = new ByteArrayContent(payloads[Interlocked.Increment(ref sequence) % payloads.Length]);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await client.PostAsync("/api/v1/notifications/batch", content);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }
                var body = await response.Content.ReadFromJsonAsync<BatchCounts>(NotificationJson.Options);
                Interlocked.Add(ref accepted, body!.Accepted);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    return (accepted, failed);
}

internal sealed record BatchCounts(int Accepted, int Rejected);
