using Notifications.Grains.Operations;

namespace Notifications.Grains.Operations;

/// <summary>
/// The last minute of one lane's delivery latencies as bucket counts: six ten-second slots, the oldest reused
/// once it is a minute old, so the console's p99 says how things are now rather than since the silo started.
/// </summary>
internal sealed class LatencyWindow(TimeProvider time)
{
    private const int Slots = 6;
    private static readonly long SlotTicks = TimeSpan.FromSeconds(10).Ticks;

    private readonly long[][] _counts = [.. Enumerable.Range(0, Slots).Select(_ => new long[LatencyBuckets.UpperBoundsMs.Count + 1])];
    private readonly long[] _slotStarts = new long[Slots];
    private readonly Lock _gate = new();

    public void Add(TimeSpan latency)
    {
        var bucket = LatencyBuckets.IndexOf(Math.Max(latency.TotalMilliseconds, 0));
        lock (_gate)
        {
            _counts[Current()][bucket]++;
        }
    }

    public long[] Snapshot()
    {
        var total = new long[LatencyBuckets.UpperBoundsMs.Count + 1];
        lock (_gate)
        {
            var now = time.GetUtcNow().UtcTicks / SlotTicks;
            for (var slot = 0; slot < Slots; slot++)
            {
                if (now - _slotStarts[slot] < Slots)
                {
                    for (var i = 0; i < total.Length; i++)
                    {
                        total[i] += _counts[slot][i];
                    }
                }
            }
        }
        return total;
    }

    private int Current()
    {
        var number = time.GetUtcNow().UtcTicks / SlotTicks;
        var slot = (int)(number % Slots);
        if (_slotStarts[slot] != number)
        {
            _slotStarts[slot] = number;
            Array.Clear(_counts[slot]);
        }
        return slot;
    }
}
