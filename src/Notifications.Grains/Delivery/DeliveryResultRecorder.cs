using Microsoft.Extensions.Logging;
using Notifications.Delivery;
using Notifications.Grains.Storage;

namespace Notifications.Grains.Delivery;

/// <summary>
/// Records each job's result as soon as its send ends, in small groups (whatever ended while the previous group was
/// being written), instead of once the whole claim has been sent. A sent job whose result is not recorded is sent again
/// by whoever claims it after its lease, so: a silo that dies mid-claim leaves only its in-flight sends to be repeated,
/// and a store that cannot take results right now (restarting) is asked again, until the lease would have run out.
/// </summary>
internal sealed partial class DeliveryResultRecorder(IDeliveryStore store, TimeSpan giveUpAfter, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly List<DeliveryResult> _pending = [];
    private bool _writing;
    private Task _written = Task.CompletedTask;

    public void Add(DeliveryResult result)
    {
        bool start;
        lock (_gate)
        {
            _pending.Add(result);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            _written = WriteAsync();
        }
    }

    /// <summary>Once every added result is recorded (or given up on: its job comes back when its lease ends).</summary>
    public Task RecordedAsync() => _written;

    private async Task WriteAsync()
    {
        while (true)
        {
            DeliveryResult[] group;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                group = [.. _pending];
                _pending.Clear();
            }
            await WriteWithRetriesAsync(group).ConfigureAwait(true);
        }
    }

    private async Task WriteWithRetriesAsync(DeliveryResult[] group)
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
                LogRetrying(logger, exception, group.Length, wait);
                await Task.Delay(wait, time).ConfigureAwait(true);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
            }
            catch (Exception exception)
            {
                LogGaveUp(logger, exception, group.Length);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} delivery results; trying again in {Wait}.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int count, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up recording {Count} delivery results; their jobs are sent again once their lease ends.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int count);
}
