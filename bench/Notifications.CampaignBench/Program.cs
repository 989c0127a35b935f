using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications;
using Notifications.Api;
using Notifications.LoadGenerator;

namespace Notifications.CampaignBench;

/// <summary>
/// One campaign to a tag segment of N users on the embedded silo (SQLite, in-app + FCM on its fake), as fast as
/// the campaign's rate allows, while a critical probe and an ordinary transactional load run beside it. Prints one
/// JSON line: import rate, time to complete, recipients/s per second, the funnel (exact: targeted == processed == N),
/// critical-lane latency and the transactional rate with and without the blast.
/// </summary>
internal static class CampaignBench
{
    public static async Task<int> Main(string[] args)
    {
        var options = CampaignBenchOptions.Parse(args);
        const string Tag = "bench-campaign";

        await using var silo = await EmbeddedSilo.StartAsync(options);
        Console.Error.WriteLine($"silo on {silo.BaseAddress}; importing {options.Recipients} users …");
        ImportResult import;
        var importCpu = ProcessCpu.Seconds(Environment.ProcessId);
        using (var importer = silo.CreateClient(EmbeddedSilo.AdminKey))
        {
            import = await UserImport.RunAsync(importer, options.Recipients, Tag, options.ImportConcurrency);
        }
        // CPU per user holds still on a shared machine where the rate follows the other tenants' load.
        import = import with { CpuMicrosecondsPerUser = Math.Round((ProcessCpu.Seconds(Environment.ProcessId) - importCpu) * 1e6 / Math.Max(1, import.Imported)) };
        Console.Error.WriteLine($"imported {import.Imported} in {import.Seconds} s ({import.UsersPerSecond}/s); baseline {options.BaselineSeconds} s …");

        using var admin = silo.CreateClient(EmbeddedSilo.AdminKey);
        using var transactionalClient = silo.CreateClient(EmbeddedSilo.AdminKey);
        var transactional = new TransactionalLoad(transactionalClient, options.Recipients, options.TransactionalRate, options.TransactionalInFlight);
        using var stopTransactional = new CancellationTokenSource();
        var transactionalRun = transactional.RunAsync(stopTransactional.Token);
        var interval = TimeSpan.FromMilliseconds(options.ProbeIntervalMs);

        // Baseline: the transactional load and the probe alone.
        var baselineFrom = Stopwatch.GetTimestamp();
        object? baselineProbe = null;
        await using (var probe = options.Probes > 0 ? await CriticalProbe.StartAsync(silo.CreateClient, EmbeddedSilo.AdminKey, options.Probes) : null)
        {
            if (probe is not null)
            {
                await probe.RunAsync(DateTimeOffset.UtcNow.AddSeconds(options.BaselineSeconds), interval);
                baselineProbe = probe.Report();
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(options.BaselineSeconds));
            }
        }
        var baselineTo = Stopwatch.GetTimestamp();

        // The blast.
        await using var blastProbe = options.Probes > 0 ? await CriticalProbe.StartAsync(silo.CreateClient, EmbeddedSilo.AdminKey, options.Probes) : null;
        var created = await admin.PostAsJsonAsync("/api/v1/campaigns", new CreateCampaignRequest
        {
            Name = $"bench {options.Recipients}",
            Segment = new SegmentSpec { Tags = new SegmentTags { All = [Tag] } },
            Content = new InlineContent("Spring sale", "Everything 20% off until Sunday."),
            Category = "marketing",
            Channels = [ChannelKind.InApp, ChannelKind.Push],
            RatePerSecond = options.Rate,
        }, NotificationJson.Options);
        created.EnsureSuccessStatusCode();
        var campaign = (await created.Content.ReadFromJsonAsync<CampaignCreated>(NotificationJson.Options))!;
        var sampler = new CampaignProgressSampler(silo.Database, campaign.Id, () => silo.Fcm.AcceptedCount, () => ProcessCpu.Seconds(Environment.ProcessId));
        var cpuBefore = ProcessCpu.Seconds(Environment.ProcessId);
        var blastFrom = Stopwatch.GetTimestamp();
        (await admin.PostAsync($"/api/v1/campaigns/{campaign.Id}/start", null)).EnsureSuccessStatusCode();
        using var stopProbe = new CancellationTokenSource();
        var probing = blastProbe?.RunAsync(DateTimeOffset.MaxValue, interval, stopProbe.Token) ?? Task.CompletedTask;
        using var consoleClient = silo.CreateClient(EmbeddedSilo.AdminKey);
        var console = new CampaignViewWatcher(consoleClient, campaign.Id);
        using var stopConsole = new CancellationTokenSource();
        var watching = console.RunAsync(stopConsole.Token);
        var finished = await sampler.RunAsync(import.Imported, TimeSpan.FromSeconds(options.TimeoutSeconds));
        await stopConsole.CancelAsync();
        await watching;
        var cpuSeconds = ProcessCpu.Seconds(Environment.ProcessId) - cpuBefore;
        var completedSample = sampler.Samples.FirstOrDefault(s => s.Status is "completed" or "cancelled");
        var blastTo = completedSample?.Timestamp ?? Stopwatch.GetTimestamp();
        await stopProbe.CancelAsync();
        await probing;
        await stopTransactional.CancelAsync();
        await transactionalRun;

        var (status, progress, funnelError) = await FinalProgressAsync(admin, campaign.Id, sampler);
        var baselineWindow = transactional.Window(baselineFrom, baselineTo);
        var blastWindow = transactional.Window(blastFrom, blastTo);
        var completedSeconds = completedSample?.Seconds;
        var report = new
        {
            options,
            machine = new { Environment.ProcessorCount, loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null },
            import,
            campaign = new
            {
                finished,
                status,
                // Start command → the campaign's status row says completed (every recipient's grain took the send).
                completedSeconds,
                recipientsPerSecond = completedSeconds is { } s ? Math.Round(progress.Processed / s) : 0,
                // Start command → the FCM fake accepted one message per recipient.
                pushDoneSeconds = sampler.FirstWhen(x => x.PushAccepted >= import.Imported),
                // This process's CPU (silo, FCM fake, probe, transactional load) per recipient, from the start command
                // to the completed status, and to the last push message.
                cpuMicrosecondsPerRecipientToComplete = completedSample is null || progress.Processed == 0 ? 0 : Math.Round((completedSample.CpuSeconds - cpuBefore) * 1e6 / progress.Processed, 1),
                cpuMicrosecondsPerRecipientToPushDone = progress.Processed == 0 ? 0 : Math.Round(cpuSeconds * 1e6 / progress.Processed, 1),
            },
            funnelError,
            // The campaign's view asked once a second during the blast, as a console does.
            view = console.Report(),
            funnel = new { progress.Targeted, progress.Processed, progress.Suppressed, progress.Deferred, progress.Digested, progress.Delivered, progress.Failed, pushAccepted = silo.Fcm.AcceptedCount },
            exact = progress.Targeted == options.Recipients && progress.Processed == options.Recipients,
            // The blast's slowest probes split at the silo's own stamps, as the load generator reports them.
            criticalProbeMs = new { baseline = baselineProbe, blast = blastProbe?.Report(id => ProcessedReport.Stages(silo.Database, id)) },
            transactional = new
            {
                offeredPerSecond = options.TransactionalRate,
                baseline = baselineWindow,
                blast = blastWindow,
                ratio = baselineWindow.PerSecond == 0 ? 0 : Math.Round(blastWindow.PerSecond / baselineWindow.PerSecond, 3),
                transactional.Failed,
                transactional.Skipped,
            },
            perSecond = sampler.PerSecond(),
        };
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return report.exact ? 0 : 1;
    }

    /// <summary>
    /// The campaign's own view. Should it fail (before the funnel was read from outcome flags, a million recipients'
    /// count outlasted Orleans' 30 s response timeout and the silo answered 503), the report keeps the sampler's count
    /// of processed recipients, no targeted count (so it is not exact), and the error.
    /// </summary>
    private static async Task<(string Status, CampaignProgress Progress, string? Error)> FinalProgressAsync(HttpClient admin, Guid campaignId, CampaignProgressSampler sampler)
    {
        try
        {
            var view = (await admin.GetFromJsonAsync<CampaignView>($"/api/v1/campaigns/{campaignId}", NotificationJson.Options))!;
            return (view.Status, view.Progress, null);
        }
        catch (HttpRequestException exception)
        {
            var last = sampler.Samples.LastOrDefault();
            return (last?.Status ?? "unknown", new CampaignProgress(0, last?.Processed ?? 0, 0, 0, 0, 0, 0, 0, 0), exception.Message);
        }
    }
}
