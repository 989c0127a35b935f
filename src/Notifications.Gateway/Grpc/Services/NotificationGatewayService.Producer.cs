using Grpc.Core;
using Notifications.Application;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Gateway.Quotas;
using Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>
/// notifications.v1.NotificationGateway, answered by the same application services as REST. This part: Send,
/// SendBatch and GetNotification, the producer side.
/// </summary>
internal sealed partial class NotificationGatewayService(IProducerQuota quota) : NotificationGateway.NotificationGatewayBase
{
    public override async Task<SendResponse> Send(SendRequest request, ServerCallContext context)
    {
        var caller = await context.RequireScopeAsync(Scopes.Send);
        await quota.EnforceAsync(caller, context);
        var response = await context.Service<INotificationService>().SendAsync(ProtoRequestMapper.ToDto(request), context.CancellationToken);
        return ProtoResponseMapper.ToProto(response);
    }

    public override async Task<SendBatchResponse> SendBatch(SendBatchRequest request, ServerCallContext context)
    {
        var caller = await context.RequireScopeAsync(Scopes.Send);
        await quota.EnforceAsync(caller, context);
        if (request.Notifications.Count == 0)
        {
            throw GrpcErrors.InvalidArgument("notifications", "at least one notification is required.");
        }

        var items = request.Notifications.Select((n, i) => ProtoRequestMapper.ToDto(n, $"notifications[{i}].")).ToList();
        var response = await context.Service<INotificationService>().SendBatchAsync(items, context.CancellationToken);
        return ProtoResponseMapper.ToProto(response);
    }

    public override async Task<Notification> GetNotification(GetNotificationRequest request, ServerCallContext context)
    {
        await context.RequireScopeAsync(Scopes.Send, Scopes.Manage);
        var id = ProtoRequestMapper.ToId(request.Id, "id");
        var view = await context.Service<INotificationService>().GetAsync(id, context.CancellationToken)
            ?? throw GrpcErrors.NotFound($"Notification {id} not found.");
        return ProtoResponseMapper.ToProto(view);
    }
}
