using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Notifications.Gateway.Auth;

/// <summary>The authorization policies of the REST endpoints, all decided by <see cref="Caller"/>.</summary>
internal static class GatewayPolicies
{
    public const string Send = "notifications.send";
    public const string ReadNotifications = "notifications.read";
    public const string Manage = "notifications.manage";
    public const string Admin = "notifications.admin";
    public const string Campaigns = "notifications.campaigns";
    public const string ImportUsers = "notifications.users.import";
    /// <summary>The route's {userId} must be the token's user, or the caller a producer with the manage scope.</summary>
    public const string ActForUser = "notifications.user";

    public const string UserIdRouteValue = "userId";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Send, Producer(c => c.HasScope(Scopes.Send)));
        options.AddPolicy(ReadNotifications, Producer(c => c.HasScope(Scopes.Send) || c.HasScope(Scopes.Manage)));
        options.AddPolicy(Manage, Producer(c => c.HasScope(Scopes.Manage)));
        options.AddPolicy(Admin, Producer(c => c.HasScope(Scopes.Admin)));
        options.AddPolicy(Campaigns, Producer(c => c.HasScope(Scopes.Campaigns)));
        options.AddPolicy(ImportUsers, Producer(c => c.HasScope(Scopes.Users)));
        options.AddPolicy(ActForUser, Build(context =>
            context.User.FindCaller() is { } caller
            && RouteUserId(context.Resource) is { } userId
            && caller.CanActFor(userId)));
    }

    private static AuthorizationPolicy Producer(Func<Caller, bool> allowed) =>
        Build(context => context.User.FindCaller() is { IsUser: false } caller && allowed(caller));

    private static AuthorizationPolicy Build(Func<AuthorizationHandlerContext, bool> assertion) =>
        new AuthorizationPolicyBuilder(CallerAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(assertion)
            .Build();

    private static string? RouteUserId(object? resource) => resource switch
    {
        HttpContext http => http.GetRouteValue(UserIdRouteValue) as string,
        _ => null,
    };
}
