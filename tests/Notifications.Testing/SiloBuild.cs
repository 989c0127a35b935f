namespace Notifications.Testing;

/// <summary>Finds the silo executable built beside the tests (same configuration and framework folder).</summary>
public static class SiloBuild
{
    public static string DllPath()
    {
        // tests/<Project>/bin/<Configuration>/<tfm>/ → src/NotificationSilo/bin/<Configuration>/<tfm>/NotificationSilo.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "NotificationSilo", "bin", configuration, tfm, "NotificationSilo.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"NotificationSilo.dll ({configuration}/{tfm}) was not found above {output.FullName}; build src/NotificationSilo first.");
    }
}
