using Microsoft.Extensions.DependencyInjection;
using Notifications.Domain.State;
using Notifications.Grains.Tests.Infrastructure;
using Notifications.Grains.Users;
using Notifications.Model;
using Orleans.Storage;

namespace Notifications.Grains.Tests;

/// <summary>Two writers of one user's state (two silos' grain storage, or an activation and someone else): the ETag fences the stale one.</summary>
[Collection(ClusterCollection.Name)]
public class FencingTests(ClusterFixture cluster)
{
    private const string StateName = "user";

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_with_InconsistentStateException_and_changes_nothing()
    {
        var user = ClusterFixture.NewUser("fenced");
        var grainId = cluster.Grain(user).GetGrainId();
        var (writerA, writerB) = (Storage(0), Storage(1));

        // Both create the state: the second insert is the stale one.
        var a = await ReadAsync(writerA, grainId);
        var b = await ReadAsync(writerB, grainId);
        Assert.Equal((null, false), (a.ETag, a.RecordExists));
        await writerA.WriteStateAsync(StateName, grainId, Named(a, user, "A"));
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => writerB.WriteStateAsync(StateName, grainId, Named(b, user, "B")));

        // Both read the same version and update it: the second update is the stale one.
        var a2 = await ReadAsync(writerA, grainId);
        var b2 = await ReadAsync(writerB, grainId);
        Assert.Equal(a2.ETag, b2.ETag);
        await writerA.WriteStateAsync(StateName, grainId, Named(a2, user, "A2"));
        var conflict = await Assert.ThrowsAnyAsync<InconsistentStateException>(() => writerB.WriteStateAsync(StateName, grainId, Named(b2, user, "B2")));
        if (ReportsStoredETag)
        {
            Assert.Equal(a2.ETag, conflict.StoredEtag);
        }

        var stored = await ReadAsync(writerB, grainId);
        Assert.Equal(("A2", a2.ETag), (stored.State!.User!.Profile.DisplayName, stored.ETag));

        // A writer that reads again writes again.
        await writerB.WriteStateAsync(StateName, grainId, Named(stored, user, "B3"));
        Assert.Equal("B3", (await ReadAsync(writerA, grainId)).State!.User!.Profile.DisplayName);
    }

    [Fact]
    public async Task An_activation_whose_state_was_written_by_someone_else_fails_its_turn_and_the_next_activation_reads_the_winner()
    {
        var user = ClusterFixture.NewUser("fenced-grain");
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "first" }, default);
        var grainId = cluster.Grain(user).GetGrainId();
        var other = Storage(2);
        var behindItsBack = await ReadAsync(other, grainId);
        await other.WriteStateAsync(StateName, grainId, Named(behindItsBack, user, "other writer"));

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => cluster.Silo(1).Users.UpsertAsync(user, new UserProfile { DisplayName = "stale" }, default));

        Assert.Equal("other writer", (await ReadAsync(other, grainId)).State!.User!.Profile.DisplayName);
        Assert.Equal("other writer", (await cluster.Silo(2).Users.GetAsync(user, default))!.Profile.DisplayName);
        await cluster.Silo(0).Users.UpsertAsync(user, new UserProfile { DisplayName = "third" }, default);
        Assert.Equal("third", (await ReadAsync(other, grainId)).State!.User!.Profile.DisplayName);
    }

    /// <summary>Whether the provider says which version won in its conflict (Azure Table's says "Unknown").</summary>
    protected virtual bool ReportsStoredETag => true;

    private IGrainStorage Storage(int silo) => cluster.Silo(silo).Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Users);

    private static async Task<GrainState<UserGrainState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<UserGrainState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    private static GrainState<UserGrainState> Named(GrainState<UserGrainState> state, string user, string displayName)
    {
        state.State!.User ??= UserState.New(user);
        state.State.User.Profile = new UserProfile { DisplayName = displayName };
        state.State.User.Registered = true;
        return state;
    }
}
