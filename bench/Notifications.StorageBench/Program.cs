using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications;
using Notifications.Api;
using Notifications.Domain.Commands;
using Notifications.Domain.Effects;
using Notifications.Domain.State;
using Notifications.LoadGenerator;
using Notifications.Grains.Storage;

// The embedded store's own cost, without HTTP or grains: durable appends, and batch commits shaped like the
// processor's (one state, one notification record and one inbox row per notification), against the raw
// 1000-row-transaction insert rate of the same disk measured in the same run.
// Usage: dotnet run -c Release --project bench/Notifications.StorageBench [-- --batches 200 --synchronous FULL]
var batches = 200;
var synchronous = "FULL";
var baselineSeconds = 5;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--batches": batches = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--synchronous": synchronous = args[i + 1]; break;
        case "--baseline-seconds": baselineSeconds = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"Unknown option {args[i]} (known: --batches, --synchronous, --baseline-seconds).");
    }
}
const int BatchSize = 1000;
var directory = Path.Combine(Path.GetTempPath(), $"storage-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(directory);
try
{
    var baseline = SqliteBaseline.BatchedRowsPerSecond(directory, synchronous, TimeSpan.FromSeconds(baselineSeconds));
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:Sqlite:Path"] = Path.Combine(directory, "bench.db"),
        ["Storage:Sqlite:Synchronous"] = synchronous,
    }).Build();
    await using var services = new ServiceCollection().AddLogging().AddSqliteStorage(configuration).BuildServiceProvider();
    await services.GetRequiredService<IStorageInitializer>().InitializeAsync(default);
    var log = services.GetRequiredService<ICommandLog>();
    var partitions = services.GetRequiredService<IPartitionStore>();
    var epoch = await partitions.AcquireAsync(0, "bench", default);
    var now = DateTimeOffset.UtcNow;

    var appendClock = new Stopwatch();
    var commitClock = new Stopwatch();
    var appendCpu = TimeSpan.Zero;
    var commitCpu = TimeSpan.Zero;
    var process = Process.GetCurrentProcess();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    for (var b = 0; b < batches; b++)
    {
        var commands = Enumerable.Range(0, BatchSize).Select(i =>
        {
            var id = Guid.CreateVersion7(now);
            var notify = new NotifyCommand
            {
                UserId = $"user-{(b * BatchSize) + i}",
                NotificationId = id,
                Category = "social",
                Content = new InlineContent("Benchmark", $"Notification {b}-{i}"),
                Channels = [ChannelKind.InApp],
                AcceptedAt = now,
            };
            return new NewCommand(0, Priority.Normal, notify.UserId, notify, id);
        }).ToList();
        var cpu = Cpu();
        appendClock.Start();
        var appended = await log.AppendAsync(commands, now, default);
        appendClock.Stop();
        appendCpu += Cpu() - cpu;

        var consumed = commands.Select((c, i) => new StreamEntry(appended[i].Sequence!.Value, false, c.GrainKey, c.Lane, c.Command)).ToList();
        var states = commands.Select(c => UserState.New(c.GrainKey)).ToList();
        var effects = new TurnEffects();
        foreach (var c in commands.Select(c => (NotifyCommand)c.Command))
        {
            effects.Notifications.Add(new NotificationRecord(c.NotificationId, c.UserId, null, c.Category, c.Priority, NotificationStatus.Dispatched, c.Content!.Title, c.Content.Body, now));
            effects.Inbox.Add(new InboxEntry(c.NotificationId, c.UserId, null, c.Category, c.Content.Title, c.Content.Body, new Dictionary<string, string>(), now));
        }
        cpu = Cpu();
        commitClock.Start();
        await partitions.CommitAsync(new PartitionCommit(0, epoch, consumed, states, effects), default);
        commitClock.Stop();
        commitCpu += Cpu() - cpu;
    }

    var total = (double)batches * BatchSize;
    var allocatedPerNotification = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / total;

    TimeSpan Cpu()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
    var appendsPerSecond = total / appendClock.Elapsed.TotalSeconds;
    var commitsPerSecond = total / commitClock.Elapsed.TotalSeconds;
    var endToEnd = total / (appendClock.Elapsed + commitClock.Elapsed).TotalSeconds;
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        batches,
        batchSize = BatchSize,
        synchronous,
        baselineRowsPerSecond = Math.Round(baseline),
        appendsPerSecond = Math.Round(appendsPerSecond),
        commitNotificationsPerSecond = Math.Round(commitsPerSecond),
        storeNotificationsPerSecond = Math.Round(endToEnd),
        // CPU per notification is steadier than rates on a busy machine: compare runs with it.
        appendCpuMicroseconds = Math.Round(appendCpu.TotalMicroseconds / total, 1),
        commitCpuMicroseconds = Math.Round(commitCpu.TotalMicroseconds / total, 1),
        allocatedBytesPerNotification = Math.Round(allocatedPerNotification),
        ratioAppendToBaseline = Math.Round(appendsPerSecond / baseline, 3),
        ratioCommitToBaseline = Math.Round(commitsPerSecond / baseline, 3),
        ratioStoreToBaseline = Math.Round(endToEnd / baseline, 3),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
