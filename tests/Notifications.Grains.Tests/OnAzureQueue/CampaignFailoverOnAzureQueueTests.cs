using Notifications.Api;
using Notifications.Application;
using Notifications.Domain.Campaigns;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Notifications.Grains.Tests.OnAzureQueue;

/// <summary>A silo of the Azure Queue cluster dies mid-campaign: the campaign completes, each recipient reached once.</summary>
[Collection(AzureQueueClusterCollection.Name)]
public sealed class CampaignFailoverOnAzureQueueTests(AzureQueueClusterFixture cluster, ITestOutputHelper output)
{
    private const int Recipients = 40;
    private const int Rate = 10;

    private ICampaignService Campaigns => cluster.Silo(0).Campaigns;

    [Fact]
    public async Task A_silo_killed_mid_campaign_leaves_every_recipient_reached_once_and_the_progress_exact()
    {
        var tag = $"failover-{Guid.NewGuid():N}";
        var users = Enumerable.Range(0, Recipients).Select(i => $"{ClusterFixture.NewUser("aq-failover")}-{i:D3}").ToList();
        await Task.WhenAll(users.Select((u, i) => cluster.Silo(i % ClusterFixture.SiloCount).Users.UpsertAsync(u, new UserProfile { Tags = [tag] }, default)));
        var created = await Campaigns.CreateAsync(new CreateCampaignRequest
        {
            Name = $"failover {tag}",
            Segment = new SegmentSpec { Tags = new SegmentTags { All = [tag] } },
            Content = new InlineContent("Failover sale", "Still on"),
            Channels = [ChannelKind.InApp],
            RatePerSecond = Rate,
        }, default);
        await Campaigns.RunAsync(created.Id, CampaignCommands.Start, default);
        await Eventually.Until(() => TryGetAsync(created.Id), v => v?.Progress.Processed == Rate, "the first tick's recipients");

        // Tried: the next tick publishes its chunks and, as soon as the campaign says so, a secondary silo dies (one
        // that does not host the campaign) with its pulling agents, chunk consumers and user grains. Whether it had
        // read one of those chunks depends on which of the four queues it owned in this run; AzureQueueStreamsTests
        // hold the consumers to make that certain. Must hold: every recipient gets the campaign once and the progress
        // ends exact, while the clock stays short of Silo:Campaigns:RedeliverAfter (two minutes), so the campaign
        // never republished a chunk on its own: what the dead silo held came back from its queue.
        var victim = await SecondaryNotHostingAsync(created.Id);
        var advanced = TimeSpan.Zero;
        try
        {
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            // The campaign answers once the tick's turn, state write and publishing included, is over.
            await Eventually.Until(() => TryGetAsync(created.Id), v => v?.Progress.Targeted > Rate, "the second tick's chunks published");
            await cluster.Cluster.KillSiloAsync(victim);
            await victim.DisposeAsync();

            var killedAt = DateTime.UtcNow;
            var lastTick = killedAt;
            var done = await Eventually.Until(async () =>
            {
                // One campaign tick per half second of real time: the visibility timeout and the death's detection
                // pass in a few clock seconds, far from the two minutes after which the campaign republishes.
                if (DateTime.UtcNow - lastTick > TimeSpan.FromMilliseconds(500))
                {
                    cluster.Clock.Advance(TimeSpan.FromSeconds(1));
                    advanced += TimeSpan.FromSeconds(1);
                    lastTick = DateTime.UtcNow;
                }
                return await TryGetAsync(created.Id);
            }, v => v?.Status == CampaignStatus.Completed, "the campaign to complete after the kill", TimeSpan.FromSeconds(90));

            output.WriteLine($"completed {DateTime.UtcNow - killedAt:g} after the kill, the campaign clock {advanced:g} after its first tick");
            Assert.True(advanced < TimeSpan.FromMinutes(2), $"the clock moved {advanced}, as far as the campaign's own redelivery");
            Assert.Equal((Recipients, Recipients, Recipients), (done!.Progress.Targeted, done.Progress.Processed, done.Progress.Delivered));
            foreach (var user in users)
            {
                Assert.Equal(1, (await cluster.InboxAsync(user)).Notifications.Count(n => n.Title == "Failover sale"));
            }
        }
        finally
        {
            // The rest of the collection runs on three silos again.
            await cluster.Cluster.StartAdditionalSiloAsync();
            await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        }
    }

    private async Task<SiloHandle> SecondaryNotHostingAsync(Guid campaignId)
    {
        var grain = cluster.Cluster.GrainFactory.GetGrain<ICampaignGrain>(campaignId);
        var host = await cluster.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return cluster.Cluster.SecondarySilos.First(s => !s.SiloAddress.Equals(host));
    }

    private async Task<CampaignView?> TryGetAsync(Guid id)
    {
        try
        {
            return await Campaigns.GetAsync(id, default);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null;
        }
    }
}
