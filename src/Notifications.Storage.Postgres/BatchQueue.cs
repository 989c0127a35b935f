namespace Notifications.Storage.Postgres;

/// <summary>
/// Collects requests made while flushes are running and hands them to the next flush together: one round trip for
/// many callers under load, no waiting at all when idle (a lone request is flushed at once). Up to
/// <paramref name="maxFlushes"/> flushes run at once (pipelining: one batch is built and sent while the server works
/// on another); <paramref name="flush"/> completes each request of its batch, and if it throws, every one still open fails.
/// </summary>
internal sealed class BatchQueue<T>(Func<List<T>, Task> flush, Action<T, Exception> fail, int maxPerFlush, int maxFlushes = 1)
{
    private readonly Lock _gate = new();
    private List<T> _waiting = [];
    private int _flushing;

    public void Enqueue(T request)
    {
        bool start;
        lock (_gate)
        {
            _waiting.Add(request);
            start = _flushing < maxFlushes;
            if (start)
            {
                _flushing++;
            }
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
                    _flushing--;
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
