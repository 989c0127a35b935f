using Notifications.Api;
using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Grains.Tests;

/// <summary>Digest windows and the rate limit's overflow digest, flushed by the grain's timer on the cluster's clock.</summary>
[Collection(ClusterCollection.Name)]
public class DigestTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_digest_window_flushes_once_into_one_inbox_item_that_names_its_actors()
    {
        var user = ClusterFixture.NewUser("digest");
        var liked = new List<Guid>();
        foreach (var (actor, silo) in new[] { "Ahmed", "Sara", "Lee", "Kim", "Ana", "Bo", "Cy" }.Select((a, i) => (a, i % ClusterFixture.SiloCount)))
        {
            liked.Add((await cluster.Silo(silo).Notifications.SendAsync(Liked(user, "post:1", actor), default)).Id);
        }
        var other = await cluster.Silo(1).Notifications.SendAsync(Liked(user, "post:2", "Zed"), default);

        foreach (var id in liked.Append(other.Id))
        {
            Assert.Equal(NotificationStatus.Digested, (await cluster.NotificationAsync(id))!.Status);
        }
        Assert.Empty((await cluster.InboxAsync(user)).Notifications);

        cluster.Clock.Advance(TimeSpan.FromMinutes(11));

        var page = await cluster.WaitForInboxAsync(user, 2, "both digests");
        var post1 = Assert.Single(page.Notifications, n => n.Data.GetValueOrDefault("count") == "7");
        Assert.Equal("Ahmed, Sara and 5 others", post1.Data["actors"]);
        Assert.Equal("liked your post (+6 more)", post1.Body);
        var post2 = Assert.Single(page.Notifications, n => n.Data.GetValueOrDefault("count") == "1");
        Assert.Equal("Zed", post2.Data["actors"]);

        // Later flush timers, reminders or reactivations must not flush a window twice; a new event opens a new window.
        cluster.Clock.Advance(TimeSpan.FromHours(1));
        await cluster.Grain(user).RunDueTimersAsync();
        await cluster.Silo(2).Notifications.SendAsync(Liked(user, "post:1", "Late"), default);
        cluster.Clock.Advance(TimeSpan.FromMinutes(11));
        page = await cluster.WaitForInboxAsync(user, 3, "the digest of the new window");
        Assert.Equal(3, page.Notifications.Count);
        Assert.Equal("Late", page.Notifications[0].Data["actors"]);
    }

    [Fact]
    public async Task Notifications_over_the_rate_limit_go_into_one_overflow_digest()
    {
        var user = ClusterFixture.NewUser("rate-limit");
        var sent = new List<Guid>();
        for (var i = 0; i < ClusterFixture.RateLimitCapacity + 2; i++)
        {
            sent.Add((await cluster.Silo(i % ClusterFixture.SiloCount).Notifications.SendAsync(Requests.Inline(user, $"n{i}", "update"), default)).Id);
        }

        var page = await cluster.WaitForInboxAsync(user, ClusterFixture.RateLimitCapacity, "the notifications within the burst");
        Assert.Equal(sent.Take(ClusterFixture.RateLimitCapacity).Order(), page.Notifications.Select(n => n.Id).Order());
        foreach (var overflow in sent.Skip(ClusterFixture.RateLimitCapacity))
        {
            Assert.Equal(NotificationStatus.Digested, (await cluster.NotificationAsync(overflow))!.Status);
        }

        cluster.Clock.Advance(TimeSpan.FromMinutes(16)); // past Silo:Grain:RateLimitDigestWindow (15 minutes)

        page = await cluster.WaitForInboxAsync(user, ClusterFixture.RateLimitCapacity + 1, "the overflow digest");
        var digest = page.Notifications[0];
        Assert.DoesNotContain(digest.Id, sent);
        Assert.Equal("2", digest.Data["count"]);
        Assert.Equal(("n11", "update (+1 more)"), (digest.Title, digest.Body));
        cluster.Clock.Advance(TimeSpan.FromHours(1));
        await cluster.Grain(user).RunDueTimersAsync();
        Assert.Equal(ClusterFixture.RateLimitCapacity + 1, (await cluster.InboxAsync(user)).Notifications.Count);
    }

    private static SendNotificationRequest Liked(string userId, string post, string actor) => new()
    {
        UserId = userId,
        Content = new InlineContent("New like", "liked your post"),
        Category = "social",
        Channels = [ChannelKind.InApp],
        DigestKey = post,
        DigestWindowSeconds = 600,
        Data = new() { ["actor"] = actor },
    };
}
