using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Errors;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>The same credentials and scope rules as REST, read from the call's authorization metadata by the shared <see cref="ICallerAuthenticator"/>.</summary>
internal static class GrpcCallerExtensions
{
    public static async Task<Caller> AuthenticateAsync(this ServerCallContext context)
    {
        var authenticator = context.GetHttpContext().RequestServices.GetRequiredService<ICallerAuthenticator>();
        return await authenticator.AuthenticateAsync(context.RequestHeaders.GetValue("authorization"), context.CancellationToken)
            ?? throw GrpcErrors.Unauthenticated("Missing or invalid credential: send metadata 'authorization: Bearer <API key or user token>'.");
    }

    /// <summary>Passes when the caller is a producer holding any of <paramref name="scopes"/> (admin holds them all).</summary>
    public static async Task<Caller> RequireScopeAsync(this ServerCallContext context, params string[] scopes)
    {
        var caller = await context.AuthenticateAsync();
        if (caller.IsUser || !scopes.Any(caller.HasScope))
        {
            throw GrpcErrors.PermissionDenied($"This call needs an API key with scope {string.Join(" or ", scopes.Select(s => $"'{s}'"))}.");
        }

        return caller;
    }

    /// <summary>
    /// The user a user-resource call is about: the request's user_id, or the token's own user when it is empty.
    /// A user reaches only themself; a producer needs the manage scope.
    /// </summary>
    public static async Task<string> AuthorizeUserAsync(this ServerCallContext context, string requestedUserId)
    {
        var caller = await context.AuthenticateAsync();
        var userId = requestedUserId.Length > 0 ? requestedUserId : caller.UserId
            ?? throw GrpcErrors.InvalidArgument("user_id", "required");
        if (!caller.CanActFor(userId))
        {
            throw GrpcErrors.PermissionDenied(
                caller.IsUser
                    ? "A user token reaches only its own user's resources."
                    : $"This call needs a user token for '{userId}' or an API key with scope '{Scopes.Manage}'.");
        }

        return userId;
    }
}
