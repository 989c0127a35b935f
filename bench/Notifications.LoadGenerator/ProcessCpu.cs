using System.Globalization;

namespace Notifications.LoadGenerator;

/// <summary>User + system CPU seconds of a process, from /proc (Linux); NaN elsewhere.</summary>
internal static class ProcessCpu
{
    public static double Seconds(int processId)
    {
        var stat = $"/proc/{processId}/stat";
        if (!File.Exists(stat))
        {
            return double.NaN;
        }
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (clock ticks).
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }
}
