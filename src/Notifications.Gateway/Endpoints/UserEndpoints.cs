using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Model;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// A user's profile and preferences. Reachable by the user's own token or a manage key; the bulk import by a key with
/// the users scope. Input is validated by <see cref="IUserService"/>, so REST and gRPC refuse exactly the same things.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users/{userId}").WithTags("Users").RequireAuthorization(GatewayPolicies.ActForUser);
        group.MapPut("", PutProfileAsync).WithName("PutUser").WithSummary("Create or replace a user's profile.");
        group.MapGet("", GetAsync).WithName("GetUser").WithSummary("A user's profile, devices and preferences.");
        group.MapPut("/preferences", PutPreferencesAsync).WithName("PutPreferences").WithSummary("Replace a user's notification preferences.");
        group.MapGet("/preferences", GetPreferencesAsync).WithName("GetPreferences");
        api.MapPost("/users:import", ImportAsync).WithTags("Users").RequireAuthorization(GatewayPolicies.ImportUsers)
            .WithName("ImportUsers")
            .WithSummary($"Create or replace up to {UserImportLimits.MaxUsers} users, each with its profile and devices in one turn; one bad item refuses the import.");
    }

    private static async Task<Ok<ImportUsersResponse>> ImportAsync(ImportUsersRequest request, IUserService users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ImportAsync(request.Users, cancellationToken));

    private static async Task<Ok<UserView>> PutProfileAsync(
        string userId, UserProfile profile, IUserService users, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await users.UpsertAsync(userId, profile, cancellationToken));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(
        string userId, IUserService users, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        return user is null ? Problems.UnknownUser(userId) : TypedResults.Ok(user);
    }

    private static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> PutPreferencesAsync(
        string userId, NotificationPreferences preferences, IUserService users, CancellationToken cancellationToken)
    {
        var updated = await users.UpdatePreferencesAsync(userId, preferences, cancellationToken);
        return updated is null ? Problems.UnknownUser(userId) : TypedResults.Ok(updated);
    }

    private static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> GetPreferencesAsync(
        string userId, IUserService users, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        return user is null ? Problems.UnknownUser(userId) : TypedResults.Ok(user.Preferences);
    }
}
