using Notifications.Api;
using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;
using Orleans.TestingHost;

namespace Notifications.Grains.Tests;

/// <summary>A silo dies with a user's activation on it: the grain comes back on another silo from storage and keeps applying its rules.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ClusterFixture cluster)
{
    private static readonly UserProfile Profile = new() { DisplayName = "Failover", Email = "failover@example.com", TimeZone = "Europe/Berlin" };

    [Fact]
    public async Task After_its_silo_is_killed_a_user_grain_answers_from_another_silo_with_its_state_and_rules()
    {
        var primary = cluster.Cluster.Primary!;
        var (user, host) = await ActivateOnASecondaryAsync();
        var preferences = new NotificationPreferences
        {
            Categories = new Dictionary<string, CategoryPreference> { ["marketing"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = false } } },
        };
        await cluster.Silo(0).Users.UpdatePreferencesAsync(user, preferences, default);
        var before = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "before"), default);
        await cluster.WaitForInboxAsync(user, 1, "the notification sent before the kill");
        Assert.Equal(host, await cluster.HostOfAsync(user));

        try
        {
            await cluster.Cluster.KillSiloAsync(host);
            await host.DisposeAsync();

            // Calls may fail while the cluster learns that the silo is dead; the answer, once it comes, is the stored state.
            var view = await Eventually.Until(() => TryGetAsync(user), v => v is not null, "the user's grain to answer from a live silo", TimeSpan.FromSeconds(90));
            Assert.Equal((Profile.DisplayName, Profile.Email, Profile.TimeZone), (view!.Profile.DisplayName, view.Profile.Email, view.Profile.TimeZone));
            Assert.False(view.Preferences.Categories["marketing"].Channels[ChannelKind.Email]);
            var newHost = await cluster.HostOfAsync(user);
            Assert.NotNull(newHost);
            Assert.NotEqual(host.SiloAddress, newHost.SiloAddress);

            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            var marketing = await cluster.Silo(0).Notifications.SendAsync(Requests.Inline(user, "after", category: "marketing", channels: [ChannelKind.InApp, ChannelKind.Email]), default);
            var marketingView = await cluster.WaitForStatusAsync(marketing.Id, NotificationStatus.Dispatched);
            Assert.Equal([DeliveryChannel.InApp], marketingView!.Deliveries.Select(d => d.Channel));
            var page = await cluster.WaitForInboxAsync(user, 2, "the notification sent after the kill");
            Assert.Equal([marketing.Id, before.Id], page.Notifications.Select(n => n.Id));
        }
        finally
        {
            // The rest of the suite runs on three silos again.
            await cluster.Cluster.StartAdditionalSiloAsync();
            await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        }
        Assert.Same(primary, cluster.Cluster.Primary);
    }

    /// <summary>The test membership lives on the primary, which must survive: a user is tried until one activates elsewhere.</summary>
    private async Task<(string User, SiloHandle Host)> ActivateOnASecondaryAsync()
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var user = ClusterFixture.NewUser("failover");
            await cluster.Silo(attempt % ClusterFixture.SiloCount).Users.UpsertAsync(user, Profile, default);
            if (await cluster.HostOfAsync(user) is { } host && host != cluster.Cluster.Primary)
            {
                return (user, host);
            }
        }
        throw new InvalidOperationException("No user grain activated on a secondary silo in 30 attempts.");
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
