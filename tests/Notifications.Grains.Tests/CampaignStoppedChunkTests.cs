using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Application;
using Notifications.Domain.Campaigns;
using Notifications.Grains.Campaigns;
using Notifications.Grains.Hosting;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;
using Orleans.Storage;

namespace Notifications.Grains.Tests;

/// <summary>
/// A consumer stopped part way through a chunk, by a pause or by its time budget, on the cluster's manual clock: a
/// recipient's state write is held so its send is in flight when the pause comes or the budget runs out (the consumer
/// asks before every send, <see cref="ClusterFixture.CampaignSendConcurrency"/>), then released. What the consumer
/// finished and what is left are told apart by the campaign's stored chunks in flight.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignStoppedChunkTests(ClusterFixture cluster)
{
    private const int ChunkSize = ClusterFixture.CampaignChunkSize;
    private const string Title = "Winter sale";

    private ICampaignService Campaigns => cluster.Silo(0).Campaigns;

    private async Task<List<string>> RegisterAsync(string tag, int count)
    {
        // One prefix, numbered: id order, the directory's and so the chunks', is the list's order.
        var prefix = ClusterFixture.NewUser(tag);
        var users = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D3}").ToList();
        await Task.WhenAll(users.Select((u, i) => cluster.Silo(i % ClusterFixture.SiloCount).Users.UpsertAsync(u, new UserProfile { Tags = [tag] }, default)));
        return users;
    }

    private static CreateCampaignRequest Campaign(string tag, int rate) => new()
    {
        Name = $"pause {tag}",
        Segment = new SegmentSpec { Tags = new SegmentTags { All = [tag] } },
        Content = new InlineContent(Title, "Everything must go"),
        Channels = [ChannelKind.InApp],
        RatePerSecond = rate,
    };

    private Task<CampaignView> WaitForAsync(Guid id, Func<CampaignView, bool> condition, string what) => cluster.WaitForCampaignAsync(id, condition, what);

    private Task<CampaignView> TickUntilAsync(Guid id, Func<CampaignView, bool> condition, string what) => cluster.TickUntilCampaignAsync(id, condition, what);

    /// <summary>The campaign's state as its grain last wrote it.</summary>
    private async Task<CampaignGrainState> StoredAsync(Guid id)
    {
        var storage = cluster.Silo(0).Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Campaigns);
        var state = new GrainState<CampaignGrainState>(new CampaignGrainState());
        await storage.ReadStateAsync("campaign", cluster.Cluster.GrainFactory.GetGrain<ICampaignGrain>(id).GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException($"campaign {id} has no stored state.");
    }

    private async Task<List<InboxItem>> ReceivedAsync(string user) =>
        [.. (await cluster.InboxAsync(user)).Notifications.Where(n => n.Title == Title)];

    /// <summary>A campaign at one chunk per tick to <paramref name="count"/> new users, started, its first recipient's send held in flight.</summary>
    private async Task<(List<string> Users, CampaignCreated Created, StateWriteHold FirstSend)> StartWithFirstSendHeldAsync(string tag, int count)
    {
        var users = await RegisterAsync(tag, count);
        var firstSend = cluster.Faults.HoldNextStateWrite(users[0]);
        var created = await Campaigns.CreateAsync(Campaign(tag, rate: ChunkSize), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await firstSend.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        return (users, created, firstSend);
    }

    /// <summary>Exact counters, and one inbox item of the campaign per targeted user.</summary>
    private async Task AssertEveryoneHadItOnceAsync(List<string> users, CampaignView done)
    {
        Assert.Equal(new CampaignProgress(Targeted: users.Count, Processed: users.Count, Suppressed: 0, Deferred: 0, Digested: 0,
            Delivered: users.Count, Opened: 0, Clicked: 0, Failed: 0), done.Progress);
        foreach (var user in users)
        {
            Assert.Single(await ReceivedAsync(user));
        }
    }

    [Fact]
    public async Task A_pause_longer_than_the_idempotency_window_resumes_a_half_sent_chunk_without_repeating_its_recipients()
    {
        // Tried: a campaign of two chunks; the pause catches the first after one of its four sends, lasts an hour longer
        // than Silo:IdempotencyWindow (the recipients' campaign marks are gone by then), and the campaign resumes.
        // Must hold: every targeted user has the campaign exactly once and the counters end exact, because the consumer
        // told the campaign how far it got and only the rest of the chunk goes out again.
        var tag = $"held-{Guid.NewGuid():N}";
        var (users, created, inFlight) = await StartWithFirstSendHeldAsync(tag, 2 * ChunkSize);

        Assert.Equal(CampaignStatus.Paused, (await Campaigns.RunAsync(created.Id, CampaignCommands.Pause, default)).View!.Status);
        inFlight.Release();
        var held = await Eventually.Until(() => StoredAsync(created.Id), s => s.InFlight is [{ Only: null } c] && c.After == users[0],
            "the consumer's report that it finished the chunk's first recipient, written while paused");
        Assert.Equal((ChunkSize - 1, users[ChunkSize - 1]), (held.InFlight[0].Count, held.InFlight[0].Last));
        var paused = await WaitForAsync(created.Id, v => v.Progress.Processed == 1, "the one send the pause let finish");
        Assert.Equal(ChunkSize, paused.Progress.Targeted);

        var window = cluster.Silo(0).Services.GetRequiredService<IOptions<SiloOptions>>().Value.IdempotencyWindow;
        cluster.Clock.Advance(window + TimeSpan.FromHours(1));
        await Campaigns.RunAsync(created.Id, CampaignCommands.Resume, default);
        var done = await TickUntilAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete after resuming");

        await AssertEveryoneHadItOnceAsync(users, done);
    }

    [Fact]
    public async Task A_chunk_that_outlasts_its_budget_hands_the_rest_back_and_nobody_gets_it_twice()
    {
        // Tried: a one-chunk campaign whose first send is held while the clock moves past Silo:Campaigns:ChunkBudget,
        // then let go. Must hold: the consumer stops at its next question instead of going on with the chunk (a stream's
        // delivery call that ran past Orleans' response timeout would be delivered again while still running), the
        // campaign keeps the rest in flight, stored, and publishes it on its next tick; everyone has the campaign once.
        var tag = $"budget-{Guid.NewGuid():N}";
        var (users, created, inFlight) = await StartWithFirstSendHeldAsync(tag, ChunkSize);

        var budget = cluster.Silo(0).Services.GetRequiredService<IOptions<SiloOptions>>().Value.Campaigns.ChunkBudget;
        cluster.Clock.Advance(budget);
        inFlight.Release();
        var stopped = await Eventually.Until(() => StoredAsync(created.Id), s => s.InFlight is [{ Only: null } c] && c.After == users[0],
            "the consumer's report that its budget ran out after the chunk's first recipient");
        Assert.Equal((ChunkSize - 1, users[^1], CampaignStatus.Running), (stopped.InFlight[0].Count, stopped.InFlight[0].Last, stopped.Status));

        var done = await TickUntilAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the rest of the chunk, published again");
        await AssertEveryoneHadItOnceAsync(users, done);
    }

    [Fact]
    public async Task Resume_sends_the_chunks_left_in_flight_within_the_rate()
    {
        // Tried: a rated campaign whose first three chunks are each caught by the pause after one send (nine recipients
        // left in flight), resumed a while later; the clock then moves a second at a time, and only once every send
        // the campaign allowed in that second has landed.
        // Must hold: no second after the resume has more than the rate's recipients (counted by the instant each
        // recipient's grain took the send, on the cluster's clock), and everyone has the campaign once.
        const int rate = ChunkSize;
        var tag = $"rated-{Guid.NewGuid():N}";
        var users = await RegisterAsync(tag, 5 * ChunkSize);
        var holds = new List<StateWriteHold>();
        for (var chunk = 0; chunk < 3; chunk++)
        {
            holds.Add(cluster.Faults.HoldNextStateWrite(users[chunk * ChunkSize]));
        }
        var created = await Campaigns.CreateAsync(Campaign(tag, rate), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        foreach (var hold in holds)
        {
            // One chunk of the rate's size per tick: its first send is held, so it stays in flight.
            if (hold != holds[0])
            {
                cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            }
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await Campaigns.RunAsync(created.Id, CampaignCommands.Pause, default);
        holds.ForEach(h => h.Release());
        await Eventually.Until(() => StoredAsync(created.Id), s => s.InFlight.Count == 3 && s.InFlight.All(c => c.Count == ChunkSize - 1),
            "the three consumers' reports of how far they got");
        var before = (await WaitForAsync(created.Id, v => v.Progress.Processed == 3, "the three sends the pause let finish")).Progress.Processed;
        cluster.Clock.Advance(TimeSpan.FromSeconds(10));
        var resumedAt = cluster.Clock.GetUtcNow();
        await Campaigns.RunAsync(created.Id, CampaignCommands.Resume, default);

        while (before < users.Count)
        {
            var expected = Math.Min(rate, users.Count - before);
            before = (await WaitForAsync(created.Id, v => v.Progress.Processed >= before + expected, $"{expected} more recipients this second")).Progress.Processed;
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var done = await WaitForAsync(created.Id, v => v.Status == CampaignStatus.Completed, "the campaign to complete");

        Assert.Equal((users.Count, users.Count, users.Count), (done.Progress.Targeted, done.Progress.Processed, done.Progress.Delivered));
        var received = new List<InboxItem>();
        foreach (var user in users)
        {
            received.Add(Assert.Single(await ReceivedAsync(user)));
        }
        var perSecond = received.Where(n => n.CreatedAt >= resumedAt)
            .GroupBy(n => (long)(n.CreatedAt - resumedAt).TotalSeconds)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(users.Count - 3, perSecond.Values.Sum());
        Assert.All(perSecond, second => Assert.InRange(second.Value, 1, rate));
    }
}
