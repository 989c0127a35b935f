namespace Notifications.Gateway.Console;

/// <summary>Where the operations console lives; the Orleans dashboard is mapped by the silo next to it.</summary>
public static class ConsolePaths
{
    public const string Console = "/console";
    public const string SignIn = "/console/sign-in";
    public const string SignOut = "/console/sign-out";
    public const string Dashboard = "/dashboard";
}
