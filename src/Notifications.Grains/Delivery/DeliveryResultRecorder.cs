using Microsoft.Extensions.Logging;
using Notifications.Delivery;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Delivery;

/// <summary>
/// Records each job's result as soon as its send ends, in small groups (whatever ended while the previous group was
/// being written). A sent job whose result is not recorded is sent again by whoever claims it after its lease, so the
/// worker holds a send's concurrency slot until its result is recorded: a silo that dies repeats at most that many
/// sends per lane, however slow its store. A store that cannot take results right now (restarting) is asked again,
/// until the lease would have run out.
/// </summary>
internal sealed partial class DeliveryResultRecorder(IDeliveryStore store, TimeSpan giveUpAfter, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private List<DeliveryResult> _next = [];
    private TaskCompletionSource _nextWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writing;

    /// <summary>Completes once the group holding <paramref name="result"/> is written, or given up on.</summary>
    public Task RecordAsync(DeliveryResult result)
    {
        bool start;
        Task written;
        lock (_gate)
        {
            _next.Add(result);
            written = _nextWritten.Task;
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            _ = WriteAsync();
        }
        return written;
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            List<DeliveryResult> group;
            TaskCompletionSource written;
            lock (_gate)
            {
                if (_next.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (group, written) = (_next, _nextWritten);
                (_next, _nextWritten) = ([], new(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            await WriteWithRetriesAsync(group).ConfigureAwait(true);
            written.TrySetResult();
        }
    }

    private async Task WriteWithRetriesAsync(List<DeliveryResult> group)
    {
        var giveUpAt = time.GetUtcNow() + giveUpAfter;
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                await store.CompleteAsync(group, CancellationToken.None).ConfigureAwait(true);
                return;
            }
            catch (Exception exception) when (time.GetUtcNow() + wait < giveUpAt)
            {
                LogRetrying(logger, exception, group.Count, wait);
                await Task.Delay(wait, time).ConfigureAwait(true);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
            }
            catch (Exception exception)
            {
                LogGaveUp(logger, exception, group.Count);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} delivery results; trying again in {Wait}.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int count, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up recording {Count} delivery results; their jobs are sent again once their lease ends.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int count);
}
