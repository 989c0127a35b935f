using Orleans.Storage;

namespace Notifications.StorageBench;

/// <summary>Concurrent grain-state writes through any Orleans grain storage: each of the grains written once, then rewritten with its ETag in closed loops.</summary>
internal sealed class GrainWritePhase
{
    private readonly IGrainStorage _storage;
    private readonly (GrainId Id, BenchGrainState State)[] _grains;

    private GrainWritePhase(IGrainStorage storage, (GrainId, BenchGrainState)[] grains)
    {
        _storage = storage;
        _grains = grains;
    }

    public PhaseResult Total { get; private set; } = new(0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Writes every grain once (the inserts), untimed.</summary>
    public static async Task<GrainWritePhase> PrepareAsync(IGrainStorage storage, string prefix, int grains)
    {
        var states = Enumerable.Range(0, grains).Select(i => (GrainId.Create("user", $"{prefix}-{i}"), new BenchGrainState(BenchState.For(i)))).ToArray();
        await Task.WhenAll(states.Select(g => storage.WriteStateAsync("user", g.Item1, g.Item2)));
        return new GrainWritePhase(storage, states);
    }

    /// <summary>One timed slice of rewrites, added to <see cref="Total"/>.</summary>
    public async Task RunAsync(TimeSpan duration)
    {
        var slice = await ClosedLoop.RunAsync(_grains.Length, duration, worker =>
        {
            var (id, state) = _grains[worker];
            state.State.Turn++;
            return _storage.WriteStateAsync("user", id, state);
        });
        Total = new PhaseResult(Total.Operations + slice.Operations, Total.Elapsed + slice.Elapsed, Total.Cpu + slice.Cpu);
    }
}
