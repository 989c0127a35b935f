using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications;
using Notifications.Api;
using Notifications.LoadGenerator;
using Notifications.Testing;

// Drives a freshly started embedded silo over HTTP (batch endpoint) and prints one JSON line:
// accepted/s, end-to-end processed/s, accept→inbox latency percentiles per lane, and the raw SQLite
// batched-insert rate of the same disk as the baseline.
var options = LoadOptions.Parse(args);
Directory.CreateDirectory(options.DataDirectory);
var runDirectory = Path.Combine(options.DataDirectory, $"run-{DateTime.UtcNow:yyyyMMddHHmmss}");
Directory.CreateDirectory(runDirectory);
var database = Path.Combine(runDirectory, "silo.db");

var baseline = SqliteBaseline.BatchedRowsPerSecond(runDirectory, options.Synchronous, TimeSpan.FromSeconds(5));

await using var silo = await SiloProcess.StartAsync(options.SiloDll ?? SiloBuild.DllPath(), database, new Dictionary<string, string>
{
    ["Storage:Sqlite:Synchronous"] = options.Synchronous,
    ["Logging:LogLevel:Default"] = "Warning",
});
await using var probe = options.Probes > 0 ? await CriticalProbe.StartAsync(bearer => silo.CreateClient(bearer), SiloProcess.BootstrapKey, options.Probes) : null;

long accepted = 0, rejected = 0, failedRequests = 0, batchSequence = 0;
var sendLatencies = new List<double>();
var random = new Random(42);

// Request bodies are made before the run, so the generator spends its CPU on sending, not on building JSON
// (it shares the machine with the silo). Users are drawn at random, so the bodies still spread over all grains.
var payloads = Enumerable.Range(0, 256).Select(MakeBatch).ToArray();

byte[] MakeBatch(int batch)
{
    var items = new List<SendNotificationRequest>(options.BatchSize);
    for (var i = 0; i < options.BatchSize; i++)
    {
        // 5% critical (2FA), 15% high, 60% normal, 20% bulk (marketing).
        var (priority, category) = options.Mix == "bulk" ? (Priority.Bulk, "marketing") : random.Next(100) switch
        {
            < 5 => (Priority.Critical, "security"),
            < 20 => (Priority.High, "transactional"),
            < 80 => (Priority.Normal, "social"),
            _ => (Priority.Bulk, "marketing"),
        };
        items.Add(new SendNotificationRequest
        {
            UserId = $"user-{random.Next(options.Users)}",
            Content = new InlineContent("Benchmark", $"Notification {batch}-{i}"),
            Category = category,
            Priority = priority,
        });
    }
    return JsonSerializer.SerializeToUtf8Bytes(new BatchSendRequest(items), NotificationJson.Options);
}

async Task SendLoopAsync(HttpClient client, DateTimeOffset until, bool record, Stopwatch clock, CancellationToken cancellationToken)
{
    var secondsPerBatch = options.Rate > 0 ? (double)options.BatchSize / options.Rate : 0;
    while (DateTimeOffset.UtcNow < until)
    {
        var k = Interlocked.Increment(ref batchSequence) - 1;
        if (secondsPerBatch > 0)
        {
            var due = TimeSpan.FromSeconds(k * secondsPerBatch) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
            if (DateTimeOffset.UtcNow >= until)
            {
                return;
            }
        }
        var payload = payloads[(int)(k % payloads.Length)];
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/api/v1/notifications/batch", content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref failedRequests);
                continue;
            }
            var body = await response.Content.ReadFromJsonAsync<BatchCounts>(NotificationJson.Options, cancellationToken);
            if (record)
            {
                Interlocked.Add(ref accepted, body!.Accepted);
                Interlocked.Add(ref rejected, body.Rejected);
                lock (sendLatencies)
                {
                    sendLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failedRequests);
        }
    }
}

async Task RunPhaseAsync(TimeSpan length, bool record)
{
    batchSequence = 0;
    var clock = Stopwatch.StartNew();
    var until = DateTimeOffset.UtcNow + length;
    var senders = Enumerable.Range(0, options.Senders).Select(async _ =>
    {
        using var client = silo.CreateClient();
        await SendLoopAsync(client, until, record, clock, CancellationToken.None);
    });
    await Task.WhenAll(senders);
}

await RunPhaseAsync(TimeSpan.FromSeconds(options.WarmupSeconds), record: false);
// Let the warm-up drain so it does not count against the measured window.
while (ProcessedReport.PendingCommands(database) > 0)
{
    await Task.Delay(100);
}
var measuredFrom = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
var cpuBefore = ProcessCpu.Seconds(silo.ProcessId);
var generatorCpuBefore = ProcessCpu.Seconds(Environment.ProcessId);
var loadClock = Stopwatch.StartNew();
var probing = probe?.RunAsync(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.DurationSeconds), TimeSpan.FromMilliseconds(options.ProbeIntervalMs)) ?? Task.CompletedTask;
await RunPhaseAsync(TimeSpan.FromSeconds(options.DurationSeconds), record: true);
await probing;
var loadSeconds = loadClock.Elapsed.TotalSeconds;
while (ProcessedReport.PendingCommands(database) > 0)
{
    await Task.Delay(100);
}
var drainSeconds = loadClock.Elapsed.TotalSeconds - loadSeconds;
var siloCpuSeconds = ProcessCpu.Seconds(silo.ProcessId) - cpuBefore;
var generatorCpuSeconds = ProcessCpu.Seconds(Environment.ProcessId) - generatorCpuBefore;

var processed = ProcessedReport.Read(database, measuredFrom);
sendLatencies.Sort();
var report = new
{
    options = new { options.DurationSeconds, options.Rate, options.BatchSize, options.Senders, options.Users, options.Mix, options.Probes, options.Synchronous, silo = options.SiloDll ?? "this build" },
    accepted,
    rejected,
    failedRequests,
    acceptedPerSecond = Math.Round(accepted / loadSeconds),
    batchRequestMs = sendLatencies.Count == 0 ? null : new { p50 = Math.Round(sendLatencies[sendLatencies.Count / 2], 1), p99 = Math.Round(sendLatencies[(int)(sendLatencies.Count * 0.99)], 1) },
    drainSeconds = Math.Round(drainSeconds, 2),
    endToEnd = processed,
    // Send request start → the notification on the probe user's live stream, while the load above runs.
    criticalProbeMs = probe?.Report(id => ProcessedReport.Stages(database, id)),
    // CPU the silo spent per processed notification: comparable across runs even when the machine is busy.
    siloCpuSeconds = Math.Round(siloCpuSeconds, 2),
    siloCpuMicrosecondsPerNotification = processed.Processed == 0 ? 0 : Math.Round(siloCpuSeconds * 1e6 / processed.Processed, 1),
    generatorCpuMicrosecondsPerNotification = accepted == 0 ? 0 : Math.Round(generatorCpuSeconds * 1e6 / accepted, 1),
    baseline = new { sqliteBatchedRowsPerSecond = Math.Round(baseline) },
    ratioProcessedToBaseline = Math.Round(processed.ProcessedPerSecond / baseline, 4),
};
Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
Directory.Delete(runDirectory, recursive: true);

/// <summary>The part of a batch answer the generator reads; the per-item results are skipped.</summary>
internal sealed record BatchCounts(int Accepted, int Rejected);
