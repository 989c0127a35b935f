using Orleans.Storage;

namespace Notifications.StorageBench;

/// <summary>Concurrent grain-state writes through any Orleans grain storage: each of the grains written once, then rewritten with its ETag in a closed loop.</summary>
internal static class GrainWritePhase
{
    public static async Task<PhaseResult> RunAsync(IGrainStorage storage, string prefix, int grains, TimeSpan duration)
    {
        var states = Enumerable.Range(0, grains).Select(i => (Id: GrainId.Create("user", $"{prefix}-{i}"), State: new BenchGrainState(BenchState.For(i)))).ToArray();
        await Task.WhenAll(states.Select(g => storage.WriteStateAsync("user", g.Id, g.State)));
        return await ClosedLoop.RunAsync(grains, duration, worker =>
        {
            var (id, state) = states[worker];
            state.State.Turn++;
            return storage.WriteStateAsync("user", id, state);
        });
    }
}
