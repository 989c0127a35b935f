namespace Notifications.Grains.Operations;

/// <summary>
/// The bucket bounds every silo uses for delivery latency, so reports merge by adding counts: upper bounds growing
/// by half from 1 ms to about an hour; the last bucket holds everything slower.
/// </summary>
public static class LatencyBuckets
{
    public static readonly IReadOnlyList<double> UpperBoundsMs = Bounds();

    public static int IndexOf(double milliseconds)
    {
        for (var i = 0; i < UpperBoundsMs.Count; i++)
        {
            if (milliseconds <= UpperBoundsMs[i])
            {
                return i;
            }
        }
        return UpperBoundsMs.Count;
    }

    /// <summary>
    /// The <paramref name="quantile"/> of the counts, interpolated within its bucket; null with no samples. Only as
    /// precise as a bucket (±25%): enough to tell 20 ms from 200 ms.
    /// </summary>
    public static double? Quantile(IReadOnlyList<long> counts, double quantile)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }
        var rank = quantile * total;
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }
            if (seen + counts[i] >= rank)
            {
                var lower = i == 0 ? 0 : UpperBoundsMs[i - 1];
                var upper = i < UpperBoundsMs.Count ? UpperBoundsMs[i] : UpperBoundsMs[^1] * 1.5;
                return lower + (upper - lower) * ((rank - seen) / counts[i]);
            }
            seen += counts[i];
        }
        return UpperBoundsMs[^1];
    }

    private static double[] Bounds()
    {
        var bounds = new List<double>();
        for (var bound = 1.0; bound < 3_600_000; bound *= 1.5)
        {
            bounds.Add(Math.Round(bound, 1));
        }
        return [.. bounds];
    }
}
