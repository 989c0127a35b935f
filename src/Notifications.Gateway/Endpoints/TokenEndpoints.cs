using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>End-user tokens, issued by a producer with the manage scope (typically the app's own backend after its login).</summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/users/{userId}/tokens", IssueAsync).WithTags("Users").RequireAuthorization(GatewayPolicies.Manage)
            .WithName("IssueUserToken").WithSummary("A bearer token reaching only this user's inbox, preferences, devices, profile and live stream.");
    }

    private static async Task<Results<Created<IssuedToken>, ProblemHttpResult>> IssueAsync(
        string userId,
        IssueTokenRequest? request,
        IUserService users,
        UserTokenService tokens,
        IOptions<AuthOptions> options,
        CancellationToken cancellationToken)
    {
        var lifetime = options.Value.DefaultTokenLifetime;
        if (request?.TtlSeconds is { } ttlSeconds)
        {
            var min = (int)AuthOptions.MinTokenLifetime.TotalSeconds;
            var max = (long)options.Value.MaxTokenLifetime.TotalSeconds;
            if (ttlSeconds < min || ttlSeconds > max)
            {
                throw new ValidationFailedException("ttlSeconds", $"Must be between {min} and {max} seconds.");
            }
            lifetime = TimeSpan.FromSeconds(ttlSeconds);
        }
        if (await users.GetAsync(userId, cancellationToken) is null)
        {
            return Problems.UnknownUser(userId);
        }
        return TypedResults.Created((string?)null, await tokens.IssueAsync(userId, lifetime, cancellationToken));
    }
}
