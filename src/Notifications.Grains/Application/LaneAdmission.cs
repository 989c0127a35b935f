namespace Notifications.Application;

/// <summary>
/// A bound on the grain calls in flight per lane. Critical and high calls are never held; normal and bulk each have
/// their own bound, so neither lane's backlog reaches the thread pool's queue that every turn shares.
/// </summary>
internal sealed class LaneAdmission(int maxInFlightPerLane)
{
    private readonly SemaphoreSlim?[] _gates =
    [
        null,
        null,
        new SemaphoreSlim(maxInFlightPerLane, maxInFlightPerLane),
        new SemaphoreSlim(maxInFlightPerLane, maxInFlightPerLane),
    ];

    public async Task<T> RunAsync<T>(Priority lane, Func<Task<T>> call)
    {
        if (_gates[(int)lane] is not { } gate)
        {
            return await call().ConfigureAwait(false);
        }
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
