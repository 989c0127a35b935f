using Microsoft.Extensions.DependencyInjection;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Gateway.Grpc.Transport;
using Notifications.Grpc;
using Notifications.Protocol.V1;
using Notifications.Application;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>A user's inbox and its live stream, answered by <see cref="IInboxService"/>.</summary>
internal sealed class InboxGrpcService : IGrpcService
{
    public void Register(GrpcMethodTable table)
    {
        var service = NotificationGatewayReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("NotificationGateway");
        table.Add(new UnaryMethod<ListInboxRequest, InboxPage>(GrpcMethodPaths.For(service, "ListInbox"), ListInboxRequest.Parser, ListAsync));
        table.Add(new UnaryMethod<MarkReadRequest, MarkReadResponse>(GrpcMethodPaths.For(service, "MarkRead"), MarkReadRequest.Parser, MarkReadAsync));
        table.Add(new UnaryMethod<MarkAllReadRequest, MarkAllReadResponse>(GrpcMethodPaths.For(service, "MarkAllRead"), MarkAllReadRequest.Parser, MarkAllReadAsync));
        table.Add(new ServerStreamingMethod<WatchInboxRequest, InboxEvent>(GrpcMethodPaths.For(service, "WatchInbox"), WatchInboxRequest.Parser, WatchAsync));
    }

    private static async Task<InboxPage> ListAsync(ListInboxRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        var page = await inbox.ListAsync(userId, request.HasCursor ? request.Cursor : null, request.HasLimit ? request.Limit : null, call.CancellationToken);
        return ProtoResponseMapper.ToProto(page);
    }

    private static async Task<MarkReadResponse> MarkReadAsync(MarkReadRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var id = ProtoRequestMapper.ToId(request.NotificationId, "notification_id");
        var read = !request.HasRead || request.Read;
        var inbox = call.Services.GetRequiredService<IInboxService>();
        if (!await inbox.SetReadAsync(userId, id, read, call.CancellationToken))
        {
            throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Notification {id} not found in the inbox of '{userId}'.");
        }

        return new MarkReadResponse { NotificationId = id.ToString(), Read = read };
    }

    private static async Task<MarkAllReadResponse> MarkAllReadAsync(MarkAllReadRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        return new MarkAllReadResponse { Marked = await inbox.MarkAllReadAsync(userId, call.CancellationToken) };
    }

    private static async IAsyncEnumerable<InboxEvent> WatchAsync(WatchInboxRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        await foreach (var realtime in inbox.WatchAsync(userId, call.CancellationToken))
        {
            yield return ProtoResponseMapper.ToProto(realtime);
        }
    }
}
