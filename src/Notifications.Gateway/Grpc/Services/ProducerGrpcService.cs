using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Gateway.Grpc.Transport;
using Notifications.Grpc;
using Notifications.Protocol.V1;
using Notifications.Application;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>Send, SendBatch and GetNotification: the producer side, answered by <see cref="INotificationService"/>.</summary>
internal sealed class ProducerGrpcService(ProducerRateLimiter rateLimiter) : IGrpcService
{
    public void Register(GrpcMethodTable table)
    {
        var service = NotificationGatewayReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("NotificationGateway");
        table.Add(new UnaryMethod<SendRequest, SendResponse>(GrpcMethodPaths.For(service, "Send"), SendRequest.Parser, SendAsync));
        table.Add(new UnaryMethod<SendBatchRequest, SendBatchResponse>(GrpcMethodPaths.For(service, "SendBatch"), SendBatchRequest.Parser, SendBatchAsync));
        table.Add(new UnaryMethod<GetNotificationRequest, Notification>(GrpcMethodPaths.For(service, "GetNotification"), GetNotificationRequest.Parser, GetNotificationAsync));
    }

    private async Task<SendResponse> SendAsync(SendRequest request, GrpcCall call)
    {
        var caller = await call.RequireScopeAsync(Scopes.Send);
        EnforceRate(caller);
        var notifications = call.Services.GetRequiredService<INotificationService>();
        var response = await notifications.SendAsync(ProtoRequestMapper.ToDto(request), call.CancellationToken);
        return ProtoResponseMapper.ToProto(response);
    }

    private async Task<SendBatchResponse> SendBatchAsync(SendBatchRequest request, GrpcCall call)
    {
        var caller = await call.RequireScopeAsync(Scopes.Send);
        EnforceRate(caller);
        if (request.Notifications.Count == 0)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "notifications: at least one notification is required.");
        }

        var items = request.Notifications.Select((n, i) => ProtoRequestMapper.ToDto(n, $"notifications[{i}].")).ToList();
        var notifications = call.Services.GetRequiredService<INotificationService>();
        var response = await notifications.SendBatchAsync(items, call.CancellationToken);
        return ProtoResponseMapper.ToProto(response);
    }

    private static async Task<Notification> GetNotificationAsync(GetNotificationRequest request, GrpcCall call)
    {
        await call.RequireScopeAsync(Scopes.Send, Scopes.Manage);
        var id = ProtoRequestMapper.ToId(request.Id, "id");
        var notifications = call.Services.GetRequiredService<INotificationService>();
        var view = await notifications.GetAsync(id, call.CancellationToken)
            ?? throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Notification {id} not found.");
        return ProtoResponseMapper.ToProto(view);
    }

    private void EnforceRate(Caller caller)
    {
        if (!rateLimiter.TryAcquire(caller.ApiKeyId ?? caller.UserId ?? "anonymous"))
        {
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted, "Rate limit exceeded for this API key; slow down and retry.");
        }
    }
}
