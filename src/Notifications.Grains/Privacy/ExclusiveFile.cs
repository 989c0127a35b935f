using System.Runtime.InteropServices;

namespace Notifications.Grains.Privacy;

/// <summary>
/// Puts a finished file in place only if nothing is there yet, in one step. .NET's <c>File.Move(…, overwrite:
/// false)</c> does not on Linux: it checks that the target is absent and then renames, so of two processes that both
/// checked, the second replaces the file the first one already read (seen: 1 of 16 silos starting together on one
/// data directory held a different key ring). A hard link fails when the name exists, atomically.
/// </summary>
internal static class ExclusiveFile
{
    private const int AlreadyExists = 17;

    /// <summary>Moves <paramref name="staging"/> to <paramref name="destination"/>; false, and the staging file gone, when the destination was already there.</summary>
    public static bool TryPublish(string staging, string destination)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (Link(staging, destination) == 0)
            {
                File.Delete(staging);
                return true;
            }
            if (Marshal.GetLastPInvokeError() == AlreadyExists)
            {
                File.Delete(staging);
                return false;
            }
            // A file system without hard links: the move below is the best left (on Windows it is atomic).
        }
        try
        {
            File.Move(staging, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(destination))
        {
            File.Delete(staging);
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
}
