using Notifications.Api;
using Notifications.Grains.Tests.Infrastructure;

namespace Notifications.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class IdempotencyTests(ClusterFixture cluster)
{
    [Fact]
    public async Task An_idempotency_key_answers_the_first_id_from_any_silo_and_sends_nothing_more()
    {
        var user = ClusterFixture.NewUser("idempotent");
        var request = Requests.Inline(user, "Order shipped", "#42") with { IdempotencyKey = "order-42-shipped" };

        var first = await cluster.Silo(0).Notifications.SendAsync(request, default);
        var again = await cluster.Silo(1).Notifications.SendAsync(request, default);
        var batch = await cluster.Silo(2).Notifications.SendBatchAsync([request, request with { IdempotencyKey = "other" }], default);

        Assert.Equal("accepted", first.Status);
        Assert.Equal(("duplicate", first.Id), (again.Status, again.Id));
        Assert.Equal(("duplicate", first.Id), (batch.Results[0].Status, batch.Results[0].Id));
        Assert.Equal("accepted", batch.Results[1].Status);
        var page = await cluster.WaitForInboxAsync(user, 2, "the two distinct notifications");
        Assert.Equal(new[] { first.Id, batch.Results[1].Id!.Value }.Order(), page.Notifications.Select(n => n.Id).Order());

        // The key is remembered in the grain's durable state: a new activation still knows it.
        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        var afterReactivation = await cluster.Silo(1).Notifications.SendAsync(request, default);
        Assert.Equal(("duplicate", first.Id), (afterReactivation.Status, afterReactivation.Id));
        Assert.Equal(2, (await cluster.InboxAsync(user)).Notifications.Count);
    }
}
