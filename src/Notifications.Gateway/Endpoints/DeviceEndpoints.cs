using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Model;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

internal static class DeviceEndpoints
{
    public static void MapDeviceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users/{userId}/devices").WithTags("Devices").RequireAuthorization(GatewayPolicies.ActForUser);
        group.MapGet("", ListAsync).WithName("ListDevices");
        group.MapPost("", RegisterAsync).WithName("RegisterDevice")
            .WithSummary("Register an APNs/FCM token or a Web Push subscription; registering the same address again replaces it.");
        group.MapDelete("/{deviceId}", RemoveAsync).WithName("RemoveDevice");
    }

    private static async Task<Results<Ok<IReadOnlyList<Device>>, ProblemHttpResult>> ListAsync(
        string userId, IUserService users, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(userId, cancellationToken);
        return user is null ? Problems.UnknownUser(userId) : TypedResults.Ok(user.Devices);
    }

    private static async Task<Results<Created<Device>, ProblemHttpResult>> RegisterAsync(
        string userId, RegisterDeviceRequest request, IUserService users, CancellationToken cancellationToken)
    {
        var device = await users.RegisterDeviceAsync(userId, request, cancellationToken);
        return device is null
            ? Problems.UnknownUser(userId)
            : TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(userId)}/devices/{Uri.EscapeDataString(device.Id)}", device);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string userId, string deviceId, IUserService users, CancellationToken cancellationToken) =>
        await users.RemoveDeviceAsync(userId, deviceId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User \"{userId}\" has no device \"{deviceId}\".");
}
