namespace Notifications.Gateway.Auth;

/// <summary>Scopes of producer API keys. Admin implies every other scope.</summary>
public static class Scopes
{
    public const string Send = "send";
    public const string Manage = "manage";
    public const string Admin = "admin";
    /// <summary>Campaigns and segments: creating one sends to many users at once, so it is a scope of its own.</summary>
    public const string Campaigns = "campaigns";
    /// <summary>Importing users in bulk (<c>POST /users:import</c>), without the rest of what manage reaches.</summary>
    public const string Users = "users";

    public static readonly IReadOnlyList<string> All = [Send, Manage, Admin, Campaigns, Users];
}
