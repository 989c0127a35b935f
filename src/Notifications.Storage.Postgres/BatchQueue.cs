namespace Notifications.Storage.Postgres;

/// <summary>
/// Collects requests made while a flush is running and hands them to the next flush together: one round trip for
/// many callers under load, no waiting at all when idle (a lone request is flushed at once). One flush runs at a
/// time; <paramref name="flush"/> completes each request of its batch, and if it throws, every one still open fails.
/// </summary>
internal sealed class BatchQueue<T>(Func<List<T>, Task> flush, Action<T, Exception> fail, int maxPerFlush)
{
    private readonly Lock _gate = new();
    private List<T> _waiting = [];
    private bool _flushing;

    public void Enqueue(T request)
    {
        bool start;
        lock (_gate)
        {
            _waiting.Add(request);
            start = !_flushing;
            _flushing = true;
        }
        if (start)
        {
            _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<T> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                if (_waiting.Count <= maxPerFlush)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting.GetRange(0, maxPerFlush);
                    _waiting.RemoveRange(0, maxPerFlush);
                }
            }
            try
            {
                await flush(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                foreach (var request in batch)
                {
                    fail(request, exception);
                }
            }
        }
    }
}
