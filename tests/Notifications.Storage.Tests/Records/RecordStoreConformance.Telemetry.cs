using Notifications.Api;
using Notifications.Application;
using Notifications.Delivery;

namespace Notifications.Storage.Tests.Records;

/// <summary>Issue 9: what the outbox keeps for tracing, and a key's quota.</summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task A_job_keeps_the_trace_context_of_the_turn_that_queued_it()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var id = Guid.NewGuid();
        await ApplyAsync(Turn(deliveries: [Job(id, "u1", DeliveryChannel.Webhook, "https://hooks.example.com/x")]) with { TraceParent = traceParent });
        await ApplyAsync(Turn(deliveries: [Job(Guid.NewGuid(), "u1", DeliveryChannel.Webhook, "https://hooks.example.com/y")]));

        var claimed = await Claim(DeliveryChannel.Webhook, Priority.Normal, T0);

        Assert.Equal(traceParent, claimed.Single(c => c.Request.NotificationId == id).Request.TraceParent);
        Assert.Null(claimed.Single(c => c.Request.NotificationId != id).Request.TraceParent);
    }

    [Fact]
    public async Task A_keys_quota_is_stored_with_it_and_a_key_without_one_has_none()
    {
        await Store.ApiKeys.AddAsync(new ApiKeyRecord("q1", "limited", "hash-q1", ["send"], T0, null) { Quota = new ProducerQuota(10, 50, 100_000) }, default);
        await Store.ApiKeys.AddAsync(new ApiKeyRecord("q2", "daily only", "hash-q2", ["send"], T0, null) { Quota = new ProducerQuota(RequestsPerDay: 5) }, default);
        await Store.ApiKeys.AddAsync(new ApiKeyRecord("q3", "unlimited", "hash-q3", ["send"], T0, null), default);

        Assert.Equal(new ProducerQuota(10, 50, 100_000), (await Store.ApiKeys.FindByHashAsync("hash-q1", default))!.Quota);
        Assert.Equal(new ProducerQuota(RequestsPerDay: 5), (await Store.ApiKeys.FindByHashAsync("hash-q2", default))!.Quota);
        Assert.Null((await Store.ApiKeys.FindByHashAsync("hash-q3", default))!.Quota);
    }
}
