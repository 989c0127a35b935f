using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Directory;
using Notifications.Grains.Storage;

namespace Notifications.Storage.Tests.Records;

/// <summary>
/// Many writes at once, the way a busy silo makes them: turns of many grains (a provider may commit them together) and
/// groups of delivery results. Whatever a provider batches, the outcome is that of the writes made one by one.
/// </summary>
public abstract partial class RecordStoreConformance
{
    [Fact]
    public async Task Concurrent_turns_of_many_grains_and_their_replays_each_land_exactly_once_with_jobs_and_profiles()
    {
        const int Users = 100;
        var ids = Enumerable.Range(0, Users).Select(_ => Guid.NewGuid()).ToList();
        var turns = ids.Select((id, i) => Turn([Record(id, $"b-{i}", T0)], [Entry(id, $"b-{i}", T0)],
            [Job(id, $"b-{i}", DeliveryChannel.Email, $"b{i}@example.com"), Job(id, $"b-{i}", DeliveryChannel.Sms, $"+1415555{i:D4}")])
            with { Directory = new DirectoryEntry($"b-{i}", ["batched", $"n{i % 2}"], "en", null, T0) }).ToList();

        // Each turn and its replay (a crash before the grain learnt its records were written) race each other.
        await Task.WhenAll(turns.Concat(turns).Select(t => Task.Run(() => ApplyAsync(t))));
        await ReopenAsync();

        for (var i = 0; i < Users; i++)
        {
            Assert.Equal([ids[i]], (await Store.Inbox.ListAsync($"b-{i}", null, 10, InboxQuery.Active, T0, default)).Notifications.Select(n => n.Id));
            var view = (await Store.Notifications.GetAsync(ids[i], default))!;
            // A turn's jobs keep its order, and each is logged as queued once.
            Assert.Equal([DeliveryChannel.InApp, DeliveryChannel.Email, DeliveryChannel.Sms], view.Deliveries.Select(d => d.Channel));
            Assert.All(view.Deliveries.Skip(1), d => Assert.Equal([DeliveryStatus.Queued], d.History!.Select(h => h.Status)));
        }
        Assert.Equal(Users, (await Store.Deliveries.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 1000, T0, TimeSpan.FromMinutes(1), default)).Count);
        Assert.Equal(Users, await Store.Directory.CountAsync(default));
        Assert.Equal(Users / 2, (await Store.Directory.PageAsync(new DirectoryFilter { Tag = "n1" }, null, 1000, default)).Count);
    }

    [Fact]
    public async Task A_group_of_results_is_recorded_as_if_each_result_were_recorded_alone()
    {
        var id = Guid.NewGuid();
        await ApplyAsync(Turn([Record(id, "u1", T0)], deliveries:
        [
            Job(id, "u1", DeliveryChannel.Sms, "+14155550100", key: "retried"),
            Job(id, "u1", DeliveryChannel.Sms, "+14155550101", key: "overtaken"),
            Job(id, "u1", DeliveryChannel.Sms, "+14155550102", key: "failed"),
        ]));
        var claimed = (await Store.Deliveries.ClaimAsync(DeliveryChannel.Sms, Priority.Normal, 10, T0, TimeSpan.FromMinutes(1), default))
            .ToDictionary(c => c.Request.IdempotencyKey, c => c.Request.JobId);
        Assert.Equal(DeliveryTrackResult.Pending, await Store.Deliveries.TrackByProviderIdAsync(DeliveryChannel.Sms, "SM-b", DeliveryStatus.Delivered, T0.AddSeconds(5), null, default));

        await Store.Deliveries.CompleteAsync(
        [
            // One job twice in a group (its lease ran out while its first result waited): the later result wins, the
            // retry time and the provider id of the earlier one are not lost, both are logged.
            new DeliveryResult(claimed["retried"], DeliveryStatus.Queued, 1, "429", "SM-a", T0.AddSeconds(1), T0.AddMinutes(5)),
            new DeliveryResult(claimed["overtaken"], DeliveryStatus.Sent, 1, null, "SM-b", T0.AddSeconds(2)),
            new DeliveryResult(claimed["failed"], DeliveryStatus.Failed, 1, "invalid number", null, T0.AddSeconds(3)),
            new DeliveryResult(claimed["retried"], DeliveryStatus.Queued, 2, "503", null, T0.AddSeconds(4)),
        ], default);
        await ReopenAsync();

        var deliveries = (await Store.Notifications.GetAsync(id, default))!.Deliveries.ToDictionary(d => d.Id);
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Queued, DeliveryStatus.Queued], deliveries[claimed["retried"]].History!.Select(h => h.Status));
        Assert.Equal([DeliveryStatus.Queued, DeliveryStatus.Sent, DeliveryStatus.Delivered], deliveries[claimed["overtaken"]].History!.Select(h => h.Status));
        Assert.Equal(DeliveryStatus.Delivered, deliveries[claimed["overtaken"]].Status);
        Assert.Equal(DeliveryStatus.Failed, deliveries[claimed["failed"]].Status);
        Assert.Equal(claimed["retried"], (await Store.Deliveries.FindByProviderIdAsync(DeliveryChannel.Sms, "SM-a", default))!.Id);
        // Due at the retry time the earlier result set, with the later attempt count.
        Assert.Empty(await Store.Deliveries.ClaimAsync(DeliveryChannel.Sms, Priority.Normal, 10, T0.AddMinutes(4), TimeSpan.FromMinutes(1), default));
        var retry = Assert.Single(await Store.Deliveries.ClaimAsync(DeliveryChannel.Sms, Priority.Normal, 10, T0.AddMinutes(5), TimeSpan.FromMinutes(1), default));
        Assert.Equal(claimed["retried"], retry.Request.JobId);
        Assert.Equal(3, retry.Request.Attempt);
    }
}
