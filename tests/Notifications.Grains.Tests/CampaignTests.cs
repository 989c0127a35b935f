using Microsoft.Extensions.DependencyInjection;
using Notifications.Api;
using Notifications.Application;
using Notifications.Domain.Campaigns;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>
/// Campaigns on the three-silo cluster: the segment is paged from the directory the user grains keep, chunks travel on
/// the campaign stream, each recipient is one turn of their own grain. The cluster's clock paces the ticks.
/// </summary>
[Collection(ClusterCollection.Name)]
public class CampaignTests(ClusterFixture cluster)
{
    private ICampaignService Campaigns => cluster.Silo(0).Campaigns;

    private async Task<List<string>> RegisterAsync(string prefix, int count, UserProfile profile)
    {
        var users = Enumerable.Range(0, count).Select(i => $"{ClusterFixture.NewUser(prefix)}-{i:D3}").ToList();
        await Task.WhenAll(users.Select((u, i) => cluster.Silo(i % ClusterFixture.SiloCount).Users.UpsertAsync(u, profile, default)));
        return users;
    }

    private static CreateCampaignRequest Campaign(string tag, int rate, CampaignSchedule? schedule = null, IReadOnlyList<string>? locales = null) => new()
    {
        Name = $"campaign {tag}",
        Segment = new SegmentSpec { Tags = new SegmentTags { All = [tag] }, Locales = locales },
        Content = new InlineContent("Spring sale", "20% off this week"),
        Channels = [ChannelKind.InApp],
        RatePerSecond = rate,
        Schedule = schedule,
    };

    private Task<CampaignView> WaitForAsync(Guid id, Func<CampaignView, bool> condition, string what) => cluster.WaitForCampaignAsync(id, condition, what);

    private Task<CampaignView> TickUntilAsync(Guid id, Func<CampaignView, bool> condition, string what) => cluster.TickUntilCampaignAsync(id, condition, what);

    private async Task<int> InboxCountAsync(string user) => (await cluster.InboxAsync(user)).Notifications.Count(n => n.Title == "Spring sale");

    [Fact]
    public async Task A_campaign_reaches_exactly_its_segment_once_each_and_its_progress_is_exact()
    {
        var tag = $"trial-{Guid.NewGuid():N}";
        var french = await RegisterAsync("fr", 25, new UserProfile { Locale = "fr-FR", TimeZone = "Europe/Paris", Tags = [tag, "mobile"] });
        var german = await RegisterAsync("de", 5, new UserProfile { Locale = "de-DE", Tags = [tag] });
        var untagged = await RegisterAsync("none", 5, new UserProfile { Locale = "fr-FR" });

        var preview = await cluster.Silo(1).Segments.PreviewAsync(new SegmentPreviewRequest { Segment = Campaign(tag, 1).Segment! with { Locales = ["fr"] } }, default);
        Assert.Equal(25, preview.Count);
        Assert.Equal(french.Order(StringComparer.Ordinal).Take(20), preview.Sample);

        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000, locales: ["fr"]), default);
        Assert.Equal(CampaignStatus.Draft, created.Status);
        Assert.Equal(CampaignStatus.Running, (await cluster.Silo(2).Campaigns.RunAsync(created.Id, CampaignCommands.Start, default)).View!.Status);

        var done = await WaitForAsync(created.Id, v => v.Status == CampaignStatus.Completed && v.Progress.Processed == 25, "the campaign to complete");

        Assert.Equal(new CampaignProgress(Targeted: 25, Processed: 25, Suppressed: 0, Deferred: 0, Digested: 0, Delivered: 25, Opened: 0, Clicked: 0, Failed: 0), done.Progress);
        Assert.Equal(Priority.Bulk, done.Priority);
        foreach (var user in french)
        {
            Assert.Equal(1, await InboxCountAsync(user));
        }
        foreach (var user in german.Concat(untagged))
        {
            Assert.Equal(0, await InboxCountAsync(user));
        }

        // The campaign is one producer like any other, with one idempotency key per recipient: sending it again is a duplicate.
        var again = await cluster.Grain(french[0]).NotifyAsync(new Domain.Commands.NotifyCommand
        {
            UserId = french[0], NotificationId = Guid.NewGuid(), Category = "general", Channels = [ChannelKind.InApp],
            Content = new InlineContent("Spring sale", "again"), IdempotencyKey = $"campaign:{created.Id:N}",
        });
        Assert.Equal("duplicate", again.Status);
        Assert.Contains((await Campaigns.ListAsync(50, default)).Campaigns, c => c.Id == created.Id && c.Status == CampaignStatus.Completed);
    }

    [Fact]
    public async Task Each_recipients_rules_apply_and_the_funnel_counts_what_they_decided()
    {
        var tag = $"prefs-{Guid.NewGuid():N}";
        var open = await RegisterAsync("open", 3, new UserProfile { Tags = [tag] });
        var optedOut = await RegisterAsync("optout", 2, new UserProfile { Tags = [tag] });
        foreach (var user in optedOut)
        {
            await cluster.Silo(1).Users.UpdatePreferencesAsync(user, new NotificationPreferences { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.InApp] = false } }, default);
        }
        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);

        var done = await WaitForAsync(created.Id, v => v.Status == CampaignStatus.Completed && v.Progress.Processed == 5, "the campaign to complete");

        Assert.Equal((5L, 5L, 2L, 3L), (done.Progress.Targeted, done.Progress.Processed, done.Progress.Suppressed, done.Progress.Delivered));
        var item = (await cluster.InboxAsync(open[0])).Notifications.Single(n => n.Title == "Spring sale");
        await cluster.Silo(2).Inbox.SetReadAsync(open[0], item.Id, true, default);
        Assert.Equal(1, (await Campaigns.GetAsync(created.Id, default))!.Progress.Opened);
    }

    [Fact]
    public async Task Pause_stops_new_sends_resume_continues_from_the_cursor_and_nobody_gets_it_twice()
    {
        var tag = $"pause-{Guid.NewGuid():N}";
        var users = await RegisterAsync("pause", 20, new UserProfile { Tags = [tag] });
        var created = await Campaigns.CreateAsync(Campaign(tag, 5), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await WaitForAsync(created.Id, v => v.Progress.Processed == 5, "the first tick's five recipients");

        Assert.Equal(CampaignStatus.Paused, (await Campaigns.RunAsync(created.Id, CampaignCommands.Pause, default)).View!.Status);
        cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        var paused = (await Campaigns.GetAsync(created.Id, default))!;
        Assert.Equal((5L, 5L), (paused.Progress.Targeted, paused.Progress.Processed));
        Assert.NotNull((await Campaigns.RunAsync(created.Id, CampaignCommands.Pause, default)).Refusal);

        await Campaigns.RunAsync(created.Id, CampaignCommands.Resume, default);
        var done = await TickUntilAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete after resuming");

        Assert.Equal((20L, 20L), (done.Progress.Targeted, done.Progress.Processed));
        foreach (var user in users)
        {
            Assert.Equal(1, await InboxCountAsync(user));
        }
    }

    [Fact]
    public async Task Cancel_stops_the_campaign_for_good()
    {
        var tag = $"cancel-{Guid.NewGuid():N}";
        await RegisterAsync("cancel", 20, new UserProfile { Tags = [tag] });
        var created = await Campaigns.CreateAsync(Campaign(tag, 5), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await WaitForAsync(created.Id, v => v.Progress.Processed == 5, "the first tick's five recipients");

        Assert.Equal(CampaignStatus.Cancelled, (await Campaigns.RunAsync(created.Id, CampaignCommands.Cancel, default)).View!.Status);
        for (var i = 0; i < 5; i++)
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        cluster.Clock.Advance(TimeSpan.FromMinutes(3)); // past the reminder backstop and the redelivery delay too

        var cancelled = (await Campaigns.GetAsync(created.Id, default))!;
        Assert.Equal((CampaignStatus.Cancelled, 5L, 5L), (cancelled.Status, cancelled.Progress.Targeted, cancelled.Progress.Processed));
        Assert.NotNull((await Campaigns.RunAsync(created.Id, CampaignCommands.Resume, default)).Refusal);
        Assert.NotNull((await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default)).Refusal);
    }

    [Fact]
    public async Task A_campaign_scheduled_at_an_instant_sends_nothing_before_it_and_everything_after()
    {
        var tag = $"at-{Guid.NewGuid():N}";
        var users = await RegisterAsync("at", 4, new UserProfile { Tags = [tag] });
        var at = cluster.Clock.GetUtcNow().AddHours(1);
        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000, new CampaignSchedule { At = at }), default);
        Assert.Equal(CampaignStatus.Scheduled, created.Status);

        cluster.Clock.SetUtcNow(at - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await Campaigns.GetAsync(created.Id, default))!.Progress.Targeted);

        cluster.Clock.SetUtcNow(at + TimeSpan.FromSeconds(1));
        var done = await WaitForAsync(created.Id, v => v.Status == CampaignStatus.Completed && v.Progress.Processed == 4, "the scheduled campaign to complete");

        Assert.Equal(4, done.Progress.Delivered);
        Assert.True(done.StartedAt >= at);
        foreach (var user in users)
        {
            Assert.Equal(1, await InboxCountAsync(user));
        }
    }

    [Fact]
    public async Task A_user_in_a_zone_nobody_had_when_the_campaign_was_scheduled_gets_it_at_their_own_local_time()
    {
        // Tried: a local-time campaign planned while its segment's users are all in Tokyo, then users signing up in
        // Adelaide (a zone no test user has). Must hold: they get it once, at 09:00 Adelaide time and not before.
        var tag = $"late-zone-{Guid.NewGuid():N}";
        var tokyo = await RegisterAsync("late-tokyo", 2, new UserProfile { TimeZone = "Asia/Tokyo", Tags = [tag] });
        var now = cluster.Clock.GetUtcNow();
        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000, new CampaignSchedule { LocalTime = "09:00" }), default);
        var adelaide = await RegisterAsync("late-adelaide", 2, new UserProfile { TimeZone = "Australia/Adelaide", Tags = [tag] });
        var release = LocalTimeRelease.Next(new TimeOnly(9, 0), TimeZoneInfo.FindSystemTimeZoneById("Australia/Adelaide"), now);

        cluster.Clock.SetUtcNow(release - TimeSpan.FromMinutes(1));
        await Task.WhenAll(adelaide.Select(async user => Assert.Equal(0, await InboxCountAsync(user))));
        cluster.Clock.SetUtcNow(release + TimeSpan.FromSeconds(1));
        await Eventually.Until(async () => (await Task.WhenAll(adelaide.Select(InboxCountAsync))).Sum(), n => n == 2, "the users in Adelaide at 09:00 their time");
        cluster.Clock.Advance(TimeSpan.FromHours(24));
        var done = await WaitForAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete after the last zone");

        Assert.Equal((4L, 4L), (done.Progress.Targeted, done.Progress.Processed));
        foreach (var user in tokyo.Concat(adelaide))
        {
            Assert.Equal(1, await InboxCountAsync(user));
        }
    }

    [Fact]
    public async Task A_local_time_campaign_releases_each_zone_at_its_own_local_time()
    {
        var tag = $"local-{Guid.NewGuid():N}";
        var tokyo = await RegisterAsync("tokyo", 2, new UserProfile { TimeZone = "Asia/Tokyo", Tags = [tag] });
        var paris = await RegisterAsync("paris", 2, new UserProfile { TimeZone = "Europe/Paris", Tags = [tag] });
        var newYork = await RegisterAsync("ny", 2, new UserProfile { TimeZone = "America/New_York", Tags = [tag] });
        var now = cluster.Clock.GetUtcNow();
        var nine = new TimeOnly(9, 0);
        var releases = new[] { "Asia/Tokyo", "Europe/Paris", "America/New_York" }
            .ToDictionary(z => z, z => LocalTimeRelease.Next(nine, TimeZoneInfo.FindSystemTimeZoneById(z), now));

        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000, new CampaignSchedule { LocalTime = "09:00" }), default);
        Assert.Equal(CampaignStatus.Scheduled, created.Status);

        var reached = new Dictionary<string, List<string>> { ["Asia/Tokyo"] = tokyo, ["Europe/Paris"] = paris, ["America/New_York"] = newYork };
        var released = 0;
        foreach (var (zone, at) in releases.OrderBy(r => r.Value))
        {
            cluster.Clock.SetUtcNow(at - TimeSpan.FromMinutes(1));
            Assert.Equal(released * 2, (await Campaigns.GetAsync(created.Id, default))!.Progress.Processed);
            cluster.Clock.SetUtcNow(at + TimeSpan.FromSeconds(1));
            released++;
            await WaitForAsync(created.Id, v => v.Progress.Processed == released * 2, $"the users in {zone} at 09:00 their time");
            foreach (var user in reached[zone])
            {
                Assert.Equal(1, await InboxCountAsync(user));
            }
        }
        cluster.Clock.Advance(TimeSpan.FromHours(24));
        var done = await WaitForAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete after the last zone");
        Assert.Equal((6L, 6L), (done.Progress.Targeted, done.Progress.Processed));
    }

    [Fact]
    public async Task A_recipient_whose_grain_failed_is_tried_again_alone_and_reached_once()
    {
        var tag = $"retry-{Guid.NewGuid():N}";
        var users = await RegisterAsync("retry", 6, new UserProfile { Tags = [tag] });
        cluster.Faults.FailNextStateWrite(users[2]);
        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await WaitForAsync(created.Id, v => v.Progress.Processed == 5, "everyone but the failing recipient");

        var done = await TickUntilAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the retry to reach the last recipient");

        Assert.Equal(1, cluster.Faults.Trips(users[2]));
        Assert.Equal((6L, 6L, 0L), (done.Progress.Targeted, done.Progress.Processed, done.Progress.Failed));
        foreach (var user in users)
        {
            Assert.Equal(1, await InboxCountAsync(user));
        }
    }

    [Fact]
    public async Task A_campaign_whose_activation_went_away_is_brought_back_by_its_reminder_and_continues_from_its_cursor()
    {
        var tag = $"reactivate-{Guid.NewGuid():N}";
        var users = await RegisterAsync("reactivate", 15, new UserProfile { Tags = [tag] });
        var created = await Campaigns.CreateAsync(Campaign(tag, 5), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await WaitForAsync(created.Id, v => v.Progress.Processed == 5, "the first tick's five recipients");

        var grain = cluster.Cluster.GrainFactory.GetGrain<ICampaignGrain>(created.Id);
        await cluster.Cluster.DeactivateAsync(grain);
        Assert.False(cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _));
        // Read from the records only: a call to the campaign would activate it, and the reminder has to.
        var records = cluster.Silo(0).Services.GetRequiredService<Storage.ICampaignStore>();
        cluster.Clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.Until(() => records.FunnelAsync(created.Id, default), f => f.Processed > 5, "the reminder to bring the campaign back");

        var done = await TickUntilAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete");
        Assert.Equal((15L, 15L), (done.Progress.Targeted, done.Progress.Processed));
        foreach (var user in users)
        {
            Assert.Equal(1, await InboxCountAsync(user));
        }
    }

    [Fact]
    public async Task A_starting_silo_wakes_a_running_campaign_at_once_not_when_its_reminder_comes_round()
    {
        var tag = $"wake-{Guid.NewGuid():N}";
        await RegisterAsync("wake", 15, new UserProfile { Tags = [tag] });
        var created = await Campaigns.CreateAsync(Campaign(tag, 5), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await WaitForAsync(created.Id, v => v.Progress.Processed == 5, "the first tick's five recipients");

        // What a kill -9 leaves: a running campaign that nothing calls, with its reminder a minute away.
        var grain = cluster.Cluster.GrainFactory.GetGrain<ICampaignGrain>(created.Id);
        await cluster.Cluster.DeactivateAsync(grain);
        var records = cluster.Silo(0).Services.GetRequiredService<Storage.ICampaignStore>();
        Assert.Contains(created.Id, await records.UnfinishedAsync(default));

        // The clock stands still, so no reminder fires: only the wake-up of a starting silo brings the campaign back.
        await cluster.Silo(1).Services.GetRequiredService<Campaigns.CampaignWakeUp>().WakeUnfinishedAsync(default);
        await Eventually.Until(() => records.FunnelAsync(created.Id, default), f => f.Processed == 10, "the woken campaign's next tick");

        var done = await TickUntilAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete");
        Assert.Equal((15L, 15L), (done.Progress.Targeted, done.Progress.Processed));
        Assert.DoesNotContain(created.Id, await records.UnfinishedAsync(default));
    }

    [Fact]
    public async Task Bad_campaigns_are_refused_with_the_field_and_create_nothing()
    {
        var before = (await Campaigns.ListAsync(200, default)).Campaigns.Count;
        var good = Campaign("x", 10);
        var bad = new (CreateCampaignRequest Request, string Field)[]
        {
            (good with { Name = " " }, "name"),
            (good with { Segment = null }, "segment"),
            (good with { Segment = new SegmentSpec() }, "segment"),
            (good with { Segment = new SegmentSpec { Everyone = true, UserIds = ["a"] } }, "segment.everyone"),
            (good with { Segment = new SegmentSpec { SegmentId = Guid.NewGuid() } }, "segment.segmentId"),
            (good with { Segment = new SegmentSpec { TimeZones = ["Nowhere/City"] } }, "segment.timeZones"),
            (good with { Content = null }, "type"),
            (good with { Type = "no-such-type", Content = null }, "type"),
            (good with { RatePerSecond = 0 }, "ratePerSecond"),
            (good with { Schedule = new CampaignSchedule() }, "schedule"),
            (good with { Schedule = new CampaignSchedule { At = cluster.Clock.GetUtcNow().AddMinutes(-1) } }, "schedule.at"),
            (good with { Schedule = new CampaignSchedule { LocalTime = "25:00" } }, "schedule.localTime"),
        };
        foreach (var (request, field) in bad)
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Campaigns.CreateAsync(request, default));
            Assert.Equal(field, refused.Field);
        }
        Assert.Equal(before, (await Campaigns.ListAsync(200, default)).Campaigns.Count);
    }
}
