using Grpc.Core;
using Notifications.Application;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>Profiles, preferences and devices, answered by <see cref="IUserService"/>.</summary>
internal sealed partial class NotificationGatewayService
{
    public override async Task<Preferences> GetPreferences(GetPreferencesRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var users = context.Service<IUserService>();
        var user = await users.GetAsync(userId, context.CancellationToken) ?? throw UserNotFound(userId);
        return ProtoResponseMapper.ToProto(user.Preferences);
    }

    public override async Task<Preferences> UpdatePreferences(UpdatePreferencesRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        if (request.Preferences is null)
        {
            throw GrpcErrors.InvalidArgument("preferences", "required");
        }

        var preferences = ProtoRequestMapper.ToDto(request.Preferences);
        var users = context.Service<IUserService>();
        var updated = await users.UpdatePreferencesAsync(userId, preferences, context.CancellationToken) ?? throw UserNotFound(userId);
        return ProtoResponseMapper.ToProto(updated);
    }

    public override async Task<User> UpsertUser(UpsertUserRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var users = context.Service<IUserService>();
        var user = await users.UpsertAsync(userId, ProtoRequestMapper.ToDto(request.Profile), context.CancellationToken);
        return ProtoResponseMapper.ToProto(user);
    }

    public override async Task<Device> RegisterDevice(RegisterDeviceRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var registration = ProtoRequestMapper.ToDto(request);
        var users = context.Service<IUserService>();
        var device = await users.RegisterDeviceAsync(userId, registration, context.CancellationToken) ?? throw UserNotFound(userId);
        return ProtoResponseMapper.ToProto(device);
    }

    public override async Task<RemoveDeviceResponse> RemoveDevice(RemoveDeviceRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        if (request.DeviceId.Length == 0)
        {
            throw GrpcErrors.InvalidArgument("device_id", "required");
        }

        var users = context.Service<IUserService>();
        if (!await users.RemoveDeviceAsync(userId, request.DeviceId, context.CancellationToken))
        {
            throw GrpcErrors.NotFound($"User '{userId}' has no device '{request.DeviceId}'.");
        }

        return new RemoveDeviceResponse();
    }

    private static RpcException UserNotFound(string userId) => GrpcErrors.NotFound($"User '{userId}' not found.");
}
