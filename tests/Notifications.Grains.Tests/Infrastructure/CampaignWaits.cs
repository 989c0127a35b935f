using Notifications.Api;
using Notifications.Application;
using Notifications.Testing;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>How the campaign suites wait for a campaign: as it is, or moving the cluster's clock a tick per look.</summary>
internal static class CampaignWaits
{
    private static ICampaignService Campaigns(ClusterFixture cluster) => cluster.Silo(0).Campaigns;

    public static Task<CampaignView> WaitForCampaignAsync(this ClusterFixture cluster, Guid id, Func<CampaignView, bool> condition, string what) =>
        Eventually.Until(async () => (await Campaigns(cluster).GetAsync(id, default))!, condition, what);

    /// <summary>Moves the clock a tick (a second) per probe until the campaign says so: each tick publishes the rate's worth.</summary>
    public static Task<CampaignView> TickUntilCampaignAsync(this ClusterFixture cluster, Guid id, Func<CampaignView, bool> condition, string what) =>
        Eventually.Until(async () =>
        {
            var view = (await Campaigns(cluster).GetAsync(id, default))!;
            if (!condition(view))
            {
                cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            }
            return view;
        }, condition, what);
}
