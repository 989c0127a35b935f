using Notifications.Delivery;
using Notifications.Domain.Effects;

namespace Notifications.Grains.Operations;

/// <summary>
/// What this silo did since it started, counted where it happens: acceptance and the rules' outcome in the user
/// grain, provider attempts in the channel workers. Lock-free counters; read only by <see cref="OperationsReporter"/>.
/// </summary>
internal sealed class SiloActivity
{
    private static readonly Priority[] Lanes = Enum.GetValues<Priority>();
    private static readonly DeliveryChannel[] Channels = Enum.GetValues<DeliveryChannel>();

    private readonly LaneTotals[] _lanes;
    private readonly long[,,] _channels = new long[Channels.Length, Lanes.Length, 4];

    public SiloActivity(TimeProvider time) =>
        _lanes = [.. Lanes.Select(_ => new LaneTotals(new LatencyWindow(time)))];

    public void Accepted(Priority lane) => Interlocked.Increment(ref _lanes[(int)lane].Accepted);

    /// <summary>The rules decided what became of a notification (its record's status).</summary>
    public void Processed(Priority lane, string status)
    {
        var totals = _lanes[(int)lane];
        switch (status)
        {
            case NotificationStatus.Suppressed:
                Interlocked.Increment(ref totals.Suppressed);
                break;
            case NotificationStatus.Deferred:
                Interlocked.Increment(ref totals.Deferred);
                break;
            case NotificationStatus.Digested:
                Interlocked.Increment(ref totals.Digested);
                break;
        }
    }

    /// <summary>
    /// A worker recorded an attempt. A successful one's latency runs from the notification's acceptance, which its
    /// version-7 id carries (Unix milliseconds in its first 48 bits).
    /// </summary>
    public void Attempted(DeliveryChannel channel, Priority lane, DeliveryStatus outcome, Guid notificationId, DateTimeOffset now)
    {
        var column = outcome switch
        {
            DeliveryStatus.Sent => 0,
            DeliveryStatus.Queued => 1,
            DeliveryStatus.Failed => 2,
            DeliveryStatus.DeadLettered => 3,
            _ => -1,
        };
        if (column < 0)
        {
            return;
        }
        Interlocked.Increment(ref _channels[(int)channel, (int)lane, column]);
        var totals = _lanes[(int)lane];
        if (column == 0)
        {
            Interlocked.Increment(ref totals.Delivered);
            totals.Latency.Add(now - AcceptedAt(notificationId));
        }
        else if (column >= 2)
        {
            Interlocked.Increment(ref totals.Failed);
        }
    }

    public IReadOnlyList<LaneCounters> LaneCounters() =>
        [.. Lanes.Select(lane =>
        {
            var t = _lanes[(int)lane];
            return new LaneCounters(lane, Interlocked.Read(ref t.Accepted), Interlocked.Read(ref t.Suppressed), Interlocked.Read(ref t.Deferred),
                Interlocked.Read(ref t.Digested), Interlocked.Read(ref t.Delivered), Interlocked.Read(ref t.Failed), t.Latency.Snapshot());
        })];

    /// <summary>Only the channel/lane pairs that saw an attempt.</summary>
    public IReadOnlyList<ChannelCounters> ChannelCounters()
    {
        var counters = new List<ChannelCounters>();
        foreach (var channel in Channels)
        {
            foreach (var lane in Lanes)
            {
                var c = (int)channel;
                var l = (int)lane;
                var row = new ChannelCounters(channel, lane, Interlocked.Read(ref _channels[c, l, 0]), Interlocked.Read(ref _channels[c, l, 1]),
                    Interlocked.Read(ref _channels[c, l, 2]), Interlocked.Read(ref _channels[c, l, 3]));
                if (row.Delivered + row.Retried + row.Failed + row.DeadLettered > 0)
                {
                    counters.Add(row);
                }
            }
        }
        return counters;
    }

    private static DateTimeOffset AcceptedAt(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private sealed class LaneTotals(LatencyWindow latency)
    {
        public long Accepted;
        public long Suppressed;
        public long Deferred;
        public long Digested;
        public long Delivered;
        public long Failed;
        public readonly LatencyWindow Latency = latency;
    }
}
