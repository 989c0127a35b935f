using Notifications.Api.Operations;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Grains.Tests;

/// <summary>
/// The operations snapshot is the cluster's, whichever silo is asked: every live silo reports to the one operations
/// grain, and sends accepted on different silos add up in the same lane.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OperationsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Any_silo_answers_for_every_live_silo_and_sends_on_different_silos_add_up()
    {
        var silos = cluster.Cluster.Silos.Count;
        var before = await ReportedByAllAsync(silos, _ => true, "every live silo reports");
        var baseline = Accepted(before, Priority.Critical);

        for (var i = 0; i < silos; i++)
        {
            var user = ClusterFixture.NewUser("ops");
            await cluster.Silo(i).Users.UpsertAsync(user, new Model.UserProfile { DisplayName = "Ops" }, default);
            await cluster.Silo(i).Notifications.SendAsync(Requests.Inline(user, "ops") with { Priority = Priority.Critical }, default);
        }

        var after = await ReportedByAllAsync(silos, s => Accepted(s, Priority.Critical) >= baseline + silos, $"{silos} critical acceptances counted");
        Assert.Equal(silos, after.Silos.Count(s => s.Status == "active"));
        Assert.All(after.Silos.Where(s => s.Status == "active"), s => Assert.True(s.ReportsActivity, $"{s.Name} reports"));
    }

    /// <summary>Reports travel on each silo's report interval, which runs on the cluster's manual clock: move it on while waiting.</summary>
    private Task<OperationsSnapshot> ReportedByAllAsync(int silos, Func<OperationsSnapshot, bool> condition, string what) =>
        Eventually.Until(
            async () =>
            {
                cluster.Clock.Advance(TimeSpan.FromSeconds(2));
                return await cluster.Silo(silos - 1).Operations.GetSnapshotAsync(default);
            },
            s => s.Silos.Count(x => x.ReportsActivity) == silos && condition(s),
            what);

    private static long Accepted(OperationsSnapshot snapshot, Priority lane) => snapshot.Lanes.Single(l => l.Lane == lane).Accepted;
}
