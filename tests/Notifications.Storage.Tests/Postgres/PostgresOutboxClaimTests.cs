using Microsoft.Extensions.DependencyInjection;
using Notifications.Delivery;
using Notifications.Domain.Effects;
using Notifications.Grains.Storage;
using Notifications.Grains.Users;

namespace Notifications.Storage.Tests.Postgres;

/// <summary>The outbox shared by several silos: workers on different silos claiming one channel at once never get the same job.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxClaimTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Silos_claiming_the_same_channel_concurrently_take_disjoint_jobs_and_together_all_of_them()
    {
        const int Jobs = 300;
        var connectionString = await fixture.Server.CreateDatabaseAsync("claims");
        // Two silos of one cluster: the same database and the same Security:Pii keys.
        var pii = Notifications.Testing.PiiTestKeys.Settings();
        await using var siloA = PostgresTestStore.Build(connectionString, pii);
        await using var siloB = PostgresTestStore.Build(connectionString, pii);
        await siloA.GetRequiredService<Notifications.Storage.Postgres.PostgresMigrations>().InitializeAsync(CancellationToken.None);
        var content = new RenderedContent("t", "b", null, "c", null, new Dictionary<string, string>());
        var id = Guid.NewGuid();
        await siloA.GetRequiredService<IEffectStore>().ApplyAsync(new PendingEffects(1, Priority.Normal, [], [],
            [.. Enumerable.Range(0, Jobs).Select(i => new DeliveryJob(id, "u1", DeliveryChannel.Email, $"u{i}@example.com", Priority.Normal, T0, $"k{i}", content))]), default);

        var claimers = new[] { siloA, siloB, siloA, siloB }.Select(silo => Task.Run(async () =>
        {
            var store = silo.GetRequiredService<IDeliveryStore>();
            var mine = new List<long>();
            while (true)
            {
                var claimed = await store.ClaimAsync(DeliveryChannel.Email, Priority.Normal, 7, T0, TimeSpan.FromMinutes(5), default);
                if (claimed.Count == 0)
                {
                    return mine;
                }
                mine.AddRange(claimed.Select(c => c.Request.JobId));
            }
        })).ToList();
        var all = (await Task.WhenAll(claimers)).SelectMany(ids => ids).ToList();

        Assert.Equal(Jobs, all.Count);
        Assert.Equal(Jobs, all.Distinct().Count());
    }
}
