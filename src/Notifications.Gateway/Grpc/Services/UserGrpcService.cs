using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Gateway.Grpc.Transport;
using Notifications.Grpc;
using Notifications.Protocol.V1;
using Notifications.Application;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>Profiles, preferences and devices, answered by <see cref="IUserService"/>.</summary>
internal sealed class UserGrpcService : IGrpcService
{
    public void Register(GrpcMethodTable table)
    {
        var service = NotificationGatewayReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("NotificationGateway");
        table.Add(new UnaryMethod<GetPreferencesRequest, Preferences>(GrpcMethodPaths.For(service, "GetPreferences"), GetPreferencesRequest.Parser, GetPreferencesAsync));
        table.Add(new UnaryMethod<UpdatePreferencesRequest, Preferences>(GrpcMethodPaths.For(service, "UpdatePreferences"), UpdatePreferencesRequest.Parser, UpdatePreferencesAsync));
        table.Add(new UnaryMethod<UpsertUserRequest, User>(GrpcMethodPaths.For(service, "UpsertUser"), UpsertUserRequest.Parser, UpsertUserAsync));
        table.Add(new UnaryMethod<RegisterDeviceRequest, Device>(GrpcMethodPaths.For(service, "RegisterDevice"), RegisterDeviceRequest.Parser, RegisterDeviceAsync));
        table.Add(new UnaryMethod<RemoveDeviceRequest, RemoveDeviceResponse>(GrpcMethodPaths.For(service, "RemoveDevice"), RemoveDeviceRequest.Parser, RemoveDeviceAsync));
    }

    private static async Task<Preferences> GetPreferencesAsync(GetPreferencesRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var users = call.Services.GetRequiredService<IUserService>();
        var user = await users.GetAsync(userId, call.CancellationToken) ?? throw UserNotFound(userId);
        return ProtoResponseMapper.ToProto(user.Preferences);
    }

    private static async Task<Preferences> UpdatePreferencesAsync(UpdatePreferencesRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        if (request.Preferences is null)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "preferences: required");
        }

        var preferences = ProtoRequestMapper.ToDto(request.Preferences);
        var users = call.Services.GetRequiredService<IUserService>();
        var updated = await users.UpdatePreferencesAsync(userId, preferences, call.CancellationToken) ?? throw UserNotFound(userId);
        return ProtoResponseMapper.ToProto(updated);
    }

    private static async Task<User> UpsertUserAsync(UpsertUserRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var users = call.Services.GetRequiredService<IUserService>();
        var user = await users.UpsertAsync(userId, ProtoRequestMapper.ToDto(request.Profile), call.CancellationToken);
        return ProtoResponseMapper.ToProto(user);
    }

    private static async Task<Device> RegisterDeviceAsync(RegisterDeviceRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var registration = ProtoRequestMapper.ToDto(request);
        var users = call.Services.GetRequiredService<IUserService>();
        var device = await users.RegisterDeviceAsync(userId, registration, call.CancellationToken) ?? throw UserNotFound(userId);
        return ProtoResponseMapper.ToProto(device);
    }

    private static async Task<RemoveDeviceResponse> RemoveDeviceAsync(RemoveDeviceRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        if (request.DeviceId.Length == 0)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "device_id: required");
        }

        var users = call.Services.GetRequiredService<IUserService>();
        if (!await users.RemoveDeviceAsync(userId, request.DeviceId, call.CancellationToken))
        {
            throw new GrpcStatusException(GrpcStatusCode.NotFound, $"User '{userId}' has no device '{request.DeviceId}'.");
        }

        return new RemoveDeviceResponse();
    }

    private static GrpcStatusException UserNotFound(string userId) =>
        new(GrpcStatusCode.NotFound, $"User '{userId}' not found.");
}
