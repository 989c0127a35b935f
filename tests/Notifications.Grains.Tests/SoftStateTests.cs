using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests;

/// <summary>The rate-limit bucket is soft state: not written with each dispatch, written when the grain deactivates.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SoftStateTests(ClusterFixture cluster)
{
    [Fact]
    public async Task An_emptied_bucket_kept_only_in_memory_is_written_when_the_grain_deactivates()
    {
        var user = ClusterFixture.NewUser("bucket");
        for (var i = 0; i < ClusterFixture.RateLimitCapacity; i++)
        {
            await cluster.Silo(i % ClusterFixture.SiloCount).Notifications.SendAsync(Requests.Inline(user, $"n{i}"), default);
        }
        await cluster.WaitForInboxAsync(user, ClusterFixture.RateLimitCapacity, "the whole burst");

        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        var next = await cluster.Silo(1).Notifications.SendAsync(Requests.Inline(user, "over"), default);

        // Had the bucket not been written, the new activation would have started with a full one.
        Assert.Equal(NotificationStatus.Digested, (await cluster.NotificationAsync(next.Id))!.Status);
    }
}
