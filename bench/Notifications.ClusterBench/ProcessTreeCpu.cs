using System.Globalization;

namespace Notifications.ClusterBench;

/// <summary>
/// User + system CPU seconds of a process and all its live descendants, from /proc (Linux): PostgreSQL does its work in
/// one backend process per connection, children of the postmaster.
/// </summary>
internal static class ProcessTreeCpu
{
    public static double Seconds(int root)
    {
        var parents = new Dictionary<int, int>();
        var seconds = new Dictionary<int, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var text = File.ReadAllText(Path.Combine(directory, "stat"));
                // After the parenthesised command name: ppid is field 4, utime 14, stime 15 (clock ticks).
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                seconds[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        var total = 0.0;
        foreach (var (pid, cpu) in seconds)
        {
            for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == root)
                {
                    total += cpu;
                    break;
                }
            }
        }
        return total;
    }
}
