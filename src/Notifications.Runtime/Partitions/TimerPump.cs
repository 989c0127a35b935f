using Microsoft.Extensions.Logging;
using Notifications.Runtime.Storage;

namespace Notifications.Runtime.Partitions;

/// <summary>
/// Wakes the partitions whose durable timers came due. The timers themselves are read and consumed by the
/// partition's processor in its batch, so a timer fires exactly once even across crashes.
/// </summary>
internal sealed class TimerPump(IPartitionStore store, PartitionDirectory directory, TimeProvider time, ILogger<TimerPump> logger)
{
    /// <summary>Upper bound on sleeping, so timers written by another silo are noticed too.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private readonly WakeSignal _signal = new();

    /// <summary>A new timer may be earlier than the one the pump sleeps for.</summary>
    public void Wake() => _signal.Set();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var sleep = MaxSleep;
            try
            {
                var now = time.GetUtcNow();
                var (due, next) = await store.DueTimersAsync(now, cancellationToken).ConfigureAwait(false);
                foreach (var partition in due)
                {
                    directory.WakeForTimers(partition);
                }
                if (next is { } nextDue && nextDue - now < sleep)
                {
                    sleep = nextDue - now < TimeSpan.Zero ? TimeSpan.Zero : nextDue - now;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "The timer pump failed to read due timers.");
            }
            try
            {
                await _signal.WaitAsync(sleep, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
