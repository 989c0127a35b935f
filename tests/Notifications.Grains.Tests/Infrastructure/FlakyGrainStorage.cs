using Orleans.Storage;

namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// The silo's real "users" grain storage, except that a state write armed by <see cref="StoreFaults"/> throws before
/// it is made, and one armed to wait waits there for the test's release. It joins the silo lifecycle for the real storage, which may need it (Azure Table creates its table there).
/// </summary>
internal sealed class FlakyGrainStorage(IGrainStorage inner, StoreFaults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var userId = grainId.Key.ToString()!;
        if (faults.TakeHold(userId) is { } hold)
        {
            await hold.ArriveAsync();
        }
        if (faults.TripStateWrite(userId))
        {
            throw new IOException($"Injected: the state write of {grainId} failed.");
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
