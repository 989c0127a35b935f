using Notifications.Api;
using Notifications.Application;
using Notifications.Domain.Campaigns;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>
/// How a running campaign keeps its fan-out busy within its rate: the cluster's clock stands still here, so no timer
/// tick comes; only chunks reported done can make the campaign publish more (<see cref="ClusterFixture.CampaignChunkSize"/>
/// recipients per chunk, at most <see cref="ClusterFixture.CampaignMaxChunksInFlight"/> in flight).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CampaignFanOutTests(ClusterFixture cluster)
{
    private ICampaignService Campaigns => cluster.Silo(0).Campaigns;

    private async Task<List<string>> RegisterAsync(string tag, int count)
    {
        var users = Enumerable.Range(0, count).Select(i => $"{ClusterFixture.NewUser(tag)}-{i:D3}").ToList();
        await Task.WhenAll(users.Select((u, i) => cluster.Silo(i % ClusterFixture.SiloCount).Users.UpsertAsync(u, new UserProfile { Tags = [tag] }, default)));
        return users;
    }

    private static CreateCampaignRequest Campaign(string tag, int rate) => new()
    {
        Name = $"fan-out {tag}",
        Segment = new SegmentSpec { Tags = new SegmentTags { All = [tag] } },
        Content = new InlineContent("Flash sale", "Today only"),
        Channels = [ChannelKind.InApp],
        RatePerSecond = rate,
    };

    [Fact]
    public async Task Chunks_reported_done_let_the_campaign_publish_the_rest_without_waiting_for_the_next_tick()
    {
        var tag = $"topup-{Guid.NewGuid():N}";
        var count = ClusterFixture.CampaignChunkSize * ClusterFixture.CampaignMaxChunksInFlight * 3;
        var users = await RegisterAsync(tag, count);
        var created = await Campaigns.CreateAsync(Campaign(tag, 10_000), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);

        var done = await Eventually.Until(async () => (await Campaigns.GetAsync(created.Id, default))!, v => v.Status == CampaignStatus.Completed, "the campaign to complete on one tick's window");

        Assert.Equal((count, count), (done.Progress.Targeted, done.Progress.Processed));
        foreach (var user in users)
        {
            Assert.Equal(1, (await cluster.InboxAsync(user)).Notifications.Count(n => n.Title == "Flash sale"));
        }
    }

    [Fact]
    public async Task Publishing_more_on_done_reports_never_exceeds_the_rate_of_the_tick()
    {
        var tag = $"window-{Guid.NewGuid():N}";
        const int rate = 5;
        await RegisterAsync(tag, 20);
        var created = await Campaigns.CreateAsync(Campaign(tag, rate), default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);

        // The window's chunks are done with room free in flight, but no rate is left: their done reports publish nothing.
        var first = await Eventually.Until(async () => (await Campaigns.GetAsync(created.Id, default))!, v => v.Progress.Processed == rate, "the tick's five recipients");
        Assert.Equal(rate, first.Progress.Targeted);

        // A top-up past the rate would have sent the rest by now (processed would pass ten without stopping at it).
        cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        var next = await Eventually.Until(async () => (await Campaigns.GetAsync(created.Id, default))!, v => v.Progress.Processed == 2 * rate, "the next tick's five");
        Assert.Equal(2 * rate, next.Progress.Targeted);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Cancel, default);
    }
}
