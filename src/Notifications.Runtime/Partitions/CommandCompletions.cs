namespace Notifications.Runtime.Partitions;

/// <summary>
/// Lets a caller await the commit of a command it appended (a REST call changing a user answers only once
/// the grain applied the change). A completion can arrive before the caller starts waiting, so early ones are kept.
/// </summary>
internal sealed class CommandCompletions
{
    private const int MaxEarlyCompletions = 10_000;
    private readonly Dictionary<long, TaskCompletionSource> _waiters = [];
    private readonly HashSet<long> _early = [];
    private readonly Queue<long> _earlyOrder = new();
    private readonly Lock _lock = new();

    public Task WaitAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_early.Remove(sequence))
            {
                return Task.CompletedTask;
            }
            if (!_waiters.TryGetValue(sequence, out waiter!))
            {
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[sequence] = waiter;
            }
        }
        return waiter.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Called by processors after commit, for the commands somebody may wait for.</summary>
    public void Complete(long sequence)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (!_waiters.Remove(sequence, out waiter))
            {
                _early.Add(sequence);
                _earlyOrder.Enqueue(sequence);
                while (_earlyOrder.Count > MaxEarlyCompletions)
                {
                    _early.Remove(_earlyOrder.Dequeue());
                }
                return;
            }
        }
        waiter.TrySetResult();
    }
}
