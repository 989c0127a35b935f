using System.Globalization;

namespace Notifications.Gateway.Grpc.Transport;

/// <summary>grpc-timeout: at most 8 ASCII digits followed by a unit, H M S m u n.</summary>
internal static class GrpcTimeout
{
    /// <summary>The longest delay a CancellationTokenSource timer accepts.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var amount = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        double ticks = value[^1] switch
        {
            'H' => amount * (double)TimeSpan.TicksPerHour,
            'M' => amount * (double)TimeSpan.TicksPerMinute,
            'S' => amount * (double)TimeSpan.TicksPerSecond,
            'm' => amount * (double)TimeSpan.TicksPerMillisecond,
            'u' => amount * (double)TimeSpan.TicksPerMicrosecond,
            'n' => Math.Ceiling(amount / 100.0),
            _ => double.NaN,
        };
        if (double.IsNaN(ticks))
        {
            return false;
        }

        timeout = ticks >= Longest.Ticks ? Longest : TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
