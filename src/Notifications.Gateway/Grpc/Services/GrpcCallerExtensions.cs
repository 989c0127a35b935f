using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Transport;
using Notifications.Grpc;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>The same credentials and scope rules as REST, read from the call's authorization metadata.</summary>
internal static class GrpcCallerExtensions
{
    public static async Task<Caller> AuthenticateAsync(this GrpcCall call)
    {
        var authenticator = call.Services.GetRequiredService<ICallerAuthenticator>();
        return await authenticator.AuthenticateAsync(call.Authorization, call.CancellationToken)
            ?? throw new GrpcStatusException(
                GrpcStatusCode.Unauthenticated,
                "Missing or invalid credential: send metadata 'authorization: Bearer <API key or user token>'.");
    }

    /// <summary>Passes when the caller holds any of <paramref name="scopes"/> (admin holds them all).</summary>
    public static async Task<Caller> RequireScopeAsync(this GrpcCall call, params string[] scopes)
    {
        var caller = await call.AuthenticateAsync();
        if (!scopes.Any(caller.HasScope))
        {
            throw new GrpcStatusException(
                GrpcStatusCode.PermissionDenied,
                $"This call needs an API key with scope {string.Join(" or ", scopes.Select(s => $"'{s}'"))}.");
        }

        return caller;
    }

    /// <summary>
    /// The user a user-resource call is about: the request's user_id, or the token's own user when it is empty.
    /// A user reaches only themself; a producer needs the manage scope.
    /// </summary>
    public static async Task<string> AuthorizeUserAsync(this GrpcCall call, string requestedUserId)
    {
        var caller = await call.AuthenticateAsync();
        var userId = requestedUserId.Length > 0 ? requestedUserId : caller.UserId
            ?? throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "user_id: required");
        if (!caller.CanActFor(userId))
        {
            throw new GrpcStatusException(
                GrpcStatusCode.PermissionDenied,
                caller.IsUser
                    ? "A user token reaches only its own user's resources."
                    : $"This call needs a user token for '{userId}' or an API key with scope '{Scopes.Manage}'.");
        }

        return userId;
    }
}
