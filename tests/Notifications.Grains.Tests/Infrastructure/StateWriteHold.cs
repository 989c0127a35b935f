namespace Notifications.Grains.Tests.Infrastructure;

/// <summary>
/// One user's next grain-state write, stopped where <see cref="FlakyGrainStorage"/> would make it until the test
/// releases it: the turn (a campaign send, say) is then in flight for as long as the test needs.
/// </summary>
public sealed class StateWriteHold
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the write has come and is waiting.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    internal Task ArriveAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
