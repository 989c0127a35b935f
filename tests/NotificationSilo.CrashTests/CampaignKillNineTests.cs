using Notifications.Api;
using Notifications.Testing;
using Xunit.Abstractions;

namespace NotificationSilo.CrashTests;

/// <summary>
/// Tried: the real embedded silo runs a rate-limited campaign to a tag segment of a few thousand users (inbox and a
/// webhook fake); it is killed with SIGKILL mid-campaign, paused, resumed and cancelled around restarts on the same
/// database. Must hold: every targeted user gets the campaign exactly once (one inbox item, one notification at the
/// webhook, repeats only of the same idempotency key), nobody outside the segment gets it, the progress counters end
/// exact; a pause stops new sends within a second and survives a restart; a cancel stops them for good.
/// </summary>
public sealed class CampaignKillNineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PauseWithin = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_campaign_killed_twice_mid_fan_out_reaches_every_recipient_exactly_once_with_exact_counters()
    {
        const int SegmentSize = 3_000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var silo = await CampaignSilo.StartAsync("campaign-kill9");
        var segment = await silo.RegisterAsync("kill9-in", SegmentSize, "trial", "fr");
        var outsiders = await silo.RegisterAsync("kill9-out", 200, "fr");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo up, {SegmentSize + outsiders.Count} users registered.");
        // 200 recipients a second: fifteen seconds of fan-out at least, long enough to kill it twice in the middle.
        var id = await silo.StartCampaignAsync("trial", ratePerSecond: 200);
        int Reached() => silo.WebhookCalls().Select(c => c.UserId).Distinct().Count();

        var first = await silo.WaitForCampaignAsync(id, v => v.Progress.Processed >= SegmentSize / 4 || v.Status != "running", "a quarter of the segment processed");
        Assert.Equal("running", first.Status);
        await KillAsync($"{first.Progress.Processed} processed, {first.Progress.Targeted} targeted");
        // Killed again while it catches up, and from then on watched through the webhook only: nobody asks the campaign
        // grain anything, so it has to come back by itself.
        for (var kill = 2; kill <= 3; kill++)
        {
            var reached = Reached();
            await Eventually.Until(() => Task.FromResult(Reached()), n => n >= reached + 300, "the restarted silo to carry on with the campaign by itself", TimeSpan.FromSeconds(90));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {Reached()} recipients at the webhook.");
            if (kill == 2)
            {
                Assert.True(Reached() < SegmentSize - 600, "the campaign ran out before the second kill");
                await KillAsync($"{Reached()} recipients at the webhook");
            }
        }

        var done = await silo.WaitForCampaignAsync(id, v => v.Status == "completed", "the campaign to complete after two kills");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: completed.");
        await Eventually.Until(() => Task.FromResult(silo.WebhookCalls().Select(c => c.UserId).Distinct().Count()), n => n >= SegmentSize,
            "every recipient at the webhook", TimeSpan.FromSeconds(60));
        done = await silo.GetCampaignAsync(id);

        var inbox = await silo.InboxItemsAsync(segment.Concat(outsiders));
        var calls = silo.WebhookCalls();
        var repeats = calls.Count - calls.Select(c => c.IdempotencyKey).Distinct().Count();
        output.WriteLine($"{calls.Count} webhook calls for {SegmentSize} recipients: {repeats} repeats of an idempotency key already sent.");
        AssertExactlyOnce(segment, outsiders, inbox, calls);
        Assert.Equal(new CampaignProgress(Targeted: SegmentSize, Processed: SegmentSize, Suppressed: 0, Deferred: 0, Digested: 0,
            Delivered: SegmentSize, Opened: 0, Clicked: 0, Failed: 0), done.Progress);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: checked.");

        async Task KillAsync(string when)
        {
            var killedAt = clock.Elapsed;
            await silo.KillAndRestartAsync();
            output.WriteLine($"{killedAt.TotalSeconds:F1} s: killed at {when}; restarted at {clock.Elapsed.TotalSeconds:F1} s.");
        }
    }

    [Fact]
    public async Task A_pause_stops_new_sends_within_a_second_holds_across_a_restart_and_resume_finishes_the_rest_once()
    {
        const int SegmentSize = 1_500;
        await using var silo = await CampaignSilo.StartAsync("campaign-pause");
        var segment = await silo.RegisterAsync("pause-in", SegmentSize, "spring");
        var outsiders = await silo.RegisterAsync("pause-out", 50, "autumn");
        var id = await silo.StartCampaignAsync("spring", ratePerSecond: 300);
        await silo.WaitForCampaignAsync(id, v => v.Progress.Processed >= 300, "the first recipients processed");

        var (paused, pausedAt) = await silo.CommandAsync(id, "pause");
        Assert.Equal("paused", paused.Status);
        // Every chunk already in the stream reaches its consumer, which must hold it, not send it.
        await silo.WaitForEmptyStreamAsync("the chunks queued before the pause to reach their consumers");
        var beforeKill = await silo.GetCampaignAsync(id);

        await silo.KillAndRestartAsync();
        await silo.WaitForEmptyStreamAsync("the chunks redelivered after the restart to reach their consumers");
        var afterRestart = await silo.GetCampaignAsync(id);
        Assert.Equal("paused", afterRestart.Status);
        Assert.Equal(beforeKill.Progress.Processed, afterRestart.Progress.Processed);
        Assert.InRange(afterRestart.Progress.Processed, 1, SegmentSize - 1);
        output.WriteLine($"Paused at {paused.Progress.Processed} processed; {afterRestart.Progress.Processed} once the sends in flight had landed.");

        var resumedAt = DateTimeOffset.UtcNow;
        // The window in which nothing may start must be wider than the allowance, or the check below could not fail.
        Assert.True(resumedAt > pausedAt + PauseWithin * 2, $"resumed only {(resumedAt - pausedAt).TotalMilliseconds:F0} ms after the pause");
        Assert.Equal("running", (await silo.CommandAsync(id, "resume")).View.Status);
        var done = await silo.WaitForCampaignAsync(id, v => v.Status == "completed", "the campaign to complete after resuming");
        await Eventually.Until(() => Task.FromResult(silo.WebhookCalls().Select(c => c.UserId).Distinct().Count()), n => n >= SegmentSize,
            "every recipient at the webhook", TimeSpan.FromSeconds(60));

        var inbox = await silo.InboxItemsAsync(segment.Concat(outsiders));
        var late = inbox.Values.SelectMany(items => items).Where(i => i.CreatedAt > pausedAt + PauseWithin && i.CreatedAt < resumedAt).ToList();
        Assert.True(late.Count == 0, $"{late.Count} sends started while paused, the latest {late.Select(i => i.CreatedAt).DefaultIfEmpty().Max():O} (paused at {pausedAt:O}).");
        AssertExactlyOnce(segment, outsiders, inbox, silo.WebhookCalls());
        Assert.Equal((SegmentSize, SegmentSize, SegmentSize, 0L), (done.Progress.Targeted, done.Progress.Processed, done.Progress.Delivered, done.Progress.Failed));
    }

    [Fact]
    public async Task A_cancelled_campaign_sends_nothing_more_even_after_a_restart()
    {
        const int SegmentSize = 1_000;
        await using var silo = await CampaignSilo.StartAsync("campaign-cancel");
        var segment = await silo.RegisterAsync("cancel-in", SegmentSize, "winter");
        var id = await silo.StartCampaignAsync("winter", ratePerSecond: 200);
        await silo.WaitForCampaignAsync(id, v => v.Progress.Processed >= 200, "the first recipients processed");

        var (cancelled, cancelledAt) = await silo.CommandAsync(id, "cancel");
        Assert.Equal("cancelled", cancelled.Status);
        // Killed at once: chunks still queued in the stream come back after the restart and must be dropped.
        await silo.KillAndRestartAsync();
        await silo.WaitForEmptyStreamAsync("the chunks redelivered after the restart to reach their consumers");

        var after = await silo.GetCampaignAsync(id);
        Assert.Equal("cancelled", after.Status);
        var inbox = await silo.InboxItemsAsync(segment);
        var reached = inbox.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToHashSet();
        var late = inbox.Values.SelectMany(items => items).Where(i => i.CreatedAt > cancelledAt + PauseWithin).ToList();
        output.WriteLine($"Cancelled at {cancelled.Progress.Processed} processed; {after.Progress.Processed} after the restart.");
        Assert.True(late.Count == 0, $"{late.Count} sends started after the cancel (at {cancelledAt:O}), the latest at {late.Select(i => i.CreatedAt).DefaultIfEmpty().Max():O}.");
        Assert.InRange(reached.Count, 1, SegmentSize - 1);
        Assert.All(inbox.Values, items => Assert.InRange(items.Count, 0, 1));
        Assert.Equal(reached.Count, after.Progress.Processed);
        Assert.Equal((409, "a cancelled campaign cannot resume."), await silo.RefusedCommandAsync(id, "resume"));
        Assert.Equal(409, (await silo.RefusedCommandAsync(id, "start")).Status);
    }

    /// <summary>One inbox item and one notification at the webhook per recipient (repeats only of its key), none for anyone else.</summary>
    private static void AssertExactlyOnce(IReadOnlyList<string> segment, IReadOnlyList<string> outsiders, Dictionary<string, List<InboxItem>> inbox, IReadOnlyList<WebhookCall> calls)
    {
        var missing = segment.Where(u => inbox[u].Count == 0).ToList();
        var twice = segment.Where(u => inbox[u].Count > 1).ToList();
        Assert.True(missing.Count == 0 && twice.Count == 0, $"{missing.Count} recipients without the campaign (e.g. {missing.FirstOrDefault()}), {twice.Count} with it more than once (e.g. {twice.FirstOrDefault()}).");
        Assert.All(outsiders, u => Assert.Empty(inbox[u]));

        var byUser = calls.GroupBy(c => c.UserId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Empty(byUser.Keys.Except(segment));
        Assert.All(segment, user =>
        {
            var call = Assert.Single(byUser[user].DistinctBy(c => c.IdempotencyKey));
            Assert.Equal(inbox[user][0].Id, call.NotificationId);
        });
    }
}
