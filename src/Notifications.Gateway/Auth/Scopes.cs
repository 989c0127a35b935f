namespace Notifications.Gateway.Auth;

/// <summary>Scopes of producer API keys. Admin implies every other scope.</summary>
public static class Scopes
{
    public const string Send = "send";
    public const string Manage = "manage";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Send, Manage, Admin];
}
