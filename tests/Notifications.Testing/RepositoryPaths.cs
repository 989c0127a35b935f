namespace Notifications.Testing;

/// <summary>Folders of the repository the tests run from (found above the test assembly's folder).</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "NotificationSilo.sln")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException($"No NotificationSilo.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string WebClient => Path.Combine(Root, "clients", "web");

    public static string Images => Path.Combine(Root, "docs", "images");
}
