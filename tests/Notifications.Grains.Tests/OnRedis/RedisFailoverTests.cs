using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;
using Xunit.Abstractions;
using Notifications.Domain.Effects;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests.OnRedis;

/// <summary>
/// A silo of a Redis-membership cluster dies: with the product's membership tuning its users answer from a survivor
/// within 5 s with their state, and a reminder the dead silo owned fires from the survivor that takes its range.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisFailoverTests(RedisClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_killed_silos_grains_answer_from_a_survivor_within_5_s_and_its_reminders_still_fire()
    {
        Assert.Equal("RedisMembershipTable", cluster.Silo(1).Services.GetRequiredService<IMembershipTable>().GetType().Name);
        var victim = cluster.Cluster.Silos[1];
        var active = await ActivateOnAsync(victim);
        var (sleeper, deferred, windowEnd) = await DeferWithReminderOwnedByAsync(victim);

        try
        {
            var watch = Stopwatch.StartNew();
            await cluster.Cluster.KillSiloAsync(victim);
            await victim.DisposeAsync();

            var view = await Eventually.Until(() => TryGetAsync(active), v => v is not null, "the user's grain to answer from a survivor", Promise * 4);
            var elapsed = watch.Elapsed;
            output.WriteLine($"The killed silo's user answered from a survivor {elapsed.TotalMilliseconds:0} ms after the kill.");
            Assert.True(elapsed < Promise, $"The user answered {elapsed.TotalSeconds:0.0} s after the kill; the promise is {Promise.TotalSeconds} s.");
            Assert.Equal("Survivor", view!.Profile.DisplayName);
            var host = await cluster.HostOfAsync(active);
            Assert.NotNull(host);
            Assert.NotEqual(victim.SiloAddress, host.SiloAddress);

            // Nothing calls the sleeper's grain: only its reminder, now on a survivor, can release the notification.
            cluster.Clock.SetUtcNow(windowEnd + TimeSpan.FromMinutes(1));
            var page = await cluster.WaitForInboxAsync(sleeper, 1, "the release by the reminder the dead silo owned");
            Assert.Equal([deferred], page.Notifications.Select(n => n.Id));
            await cluster.WaitForStatusAsync(deferred, NotificationStatus.Dispatched);
        }
        finally
        {
            await cluster.Cluster.StartAdditionalSiloAsync();
            await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        }
    }

    private async Task<string> ActivateOnAsync(SiloHandle silo)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var user = ClusterFixture.NewUser("survivor");
            await cluster.Silo(attempt % ClusterFixture.SiloCount).Users.UpsertAsync(user, new UserProfile { DisplayName = "Survivor" }, default);
            if (await cluster.HostOfAsync(user) == silo)
            {
                return user;
            }
        }
        throw new InvalidOperationException($"No user grain activated on {silo.SiloAddress} in 60 attempts.");
    }

    /// <summary>A user whose "timers" reminder falls in <paramref name="owner"/>'s ring range, with a deferral pending and no activation.</summary>
    private async Task<(string User, Guid Deferred, DateTimeOffset WindowEnd)> DeferWithReminderOwnedByAsync(SiloHandle owner)
    {
        var user = Enumerable.Range(0, 1000).Select(_ => ClusterFixture.NewUser("sleeper")).First(u => owner.SiloAddress.Equals(ReminderOwner(u)));
        var (quiet, end) = Requests.QuietAround(cluster.Clock.GetUtcNow());
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "Sleeper" }, default);
        await cluster.Silo(0).Users.UpdatePreferencesAsync(user, new NotificationPreferences { QuietHours = quiet }, default);
        var deferred = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "Good morning"), default);
        Assert.Equal(NotificationStatus.Deferred, (await cluster.NotificationAsync(deferred.Id))!.Status);
        await cluster.Cluster.DeactivateAsync(cluster.Grain(user));
        return (user, deferred.Id, end);
    }

    /// <summary>
    /// The silo whose reminder service holds the user's reminders: the ring's owner of the grain's hash. Orleans keeps
    /// its ring provider internal, so the test asks it by reflection rather than re-deriving the ring.
    /// </summary>
    private SiloAddress ReminderOwner(string user)
    {
        var ringType = Type.GetType("Orleans.Runtime.ConsistentRing.IConsistentRingProvider, Orleans.Runtime", throwOnError: true)!;
        var ring = cluster.Silo(0).Services.GetRequiredService(ringType);
        var owner = ringType.GetMethod("GetPrimaryTargetSilo")!.Invoke(ring, [cluster.Grain(user).GetGrainId().GetUniformHashCode()]);
        return (SiloAddress)owner!;
    }

    private async Task<UserView?> TryGetAsync(string user)
    {
        try
        {
            return await cluster.Silo(0).Users.GetAsync(user, default);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null;
        }
    }
}
