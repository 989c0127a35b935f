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
        table.Add(new UnaryMethod<UpdateInboxItemRequest, UpdateInboxItemResponse>(GrpcMethodPaths.For(service, "UpdateInboxItem"), UpdateInboxItemRequest.Parser, UpdateAsync));
        table.Add(new UnaryMethod<MarkInboxSeenRequest, InboxUpdatedResponse>(GrpcMethodPaths.For(service, "MarkInboxSeen"), MarkInboxSeenRequest.Parser, MarkSeenAsync));
        table.Add(new UnaryMethod<BulkUpdateInboxRequest, InboxUpdatedResponse>(GrpcMethodPaths.For(service, "BulkUpdateInbox"), BulkUpdateInboxRequest.Parser, BulkAsync));
        table.Add(new UnaryMethod<RunInboxActionRequest, RunInboxActionResponse>(GrpcMethodPaths.For(service, "RunInboxAction"), RunInboxActionRequest.Parser, RunActionAsync));
        table.Add(new UnaryMethod<GetInboxCountsRequest, InboxCounts>(GrpcMethodPaths.For(service, "GetInboxCounts"), GetInboxCountsRequest.Parser, CountsAsync));
        table.Add(new ServerStreamingMethod<WatchInboxRequest, InboxEvent>(GrpcMethodPaths.For(service, "WatchInbox"), WatchInboxRequest.Parser, WatchAsync));
    }

    private static async Task<InboxPage> ListAsync(ListInboxRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        var filter = new Notifications.Api.InboxFilter(
            ProtoRequestMapper.ToState(request.State), request.HasCategory ? request.Category : null, request.HasTag ? request.Tag : null);
        var page = await inbox.ListAsync(userId, request.HasCursor ? request.Cursor : null, request.HasLimit ? request.Limit : null, filter, call.CancellationToken);
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

    private static async Task<UpdateInboxItemResponse> UpdateAsync(UpdateInboxItemRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var id = ProtoRequestMapper.ToId(request.NotificationId, "notification_id");
        if (request.Unsnooze && request.SnoozedUntil is not null)
        {
            throw new ValidationFailedException("unsnooze", "Give snoozed_until or unsnooze, not both.");
        }
        var change = new Notifications.Api.InboxUpdateRequest
        {
            Read = request.HasRead ? request.Read : null,
            Archived = request.HasArchived ? request.Archived : null,
        };
        if (request.SnoozedUntil is not null || request.Unsnooze)
        {
            change = new Notifications.Api.InboxUpdateRequest { Read = change.Read, Archived = change.Archived, SnoozedUntil = request.SnoozedUntil?.ToDateTimeOffset() };
        }
        var inbox = call.Services.GetRequiredService<IInboxService>();
        if (!await inbox.UpdateAsync(userId, id, change, call.CancellationToken))
        {
            throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Notification {id} not found in the inbox of '{userId}'.");
        }
        return new UpdateInboxItemResponse();
    }

    private static async Task<InboxUpdatedResponse> MarkSeenAsync(MarkInboxSeenRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        return new InboxUpdatedResponse { Updated = await inbox.MarkSeenAsync(userId, call.CancellationToken) };
    }

    private static async Task<InboxUpdatedResponse> BulkAsync(BulkUpdateInboxRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        var bulk = new Notifications.Api.InboxBulkRequest(request.Action, ProtoRequestMapper.ToDto(request.Filter));
        return new InboxUpdatedResponse { Updated = await inbox.BulkAsync(userId, bulk, call.CancellationToken) };
    }

    private static async Task<RunInboxActionResponse> RunActionAsync(RunInboxActionRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var id = ProtoRequestMapper.ToId(request.NotificationId, "notification_id");
        var inbox = call.Services.GetRequiredService<IInboxService>();
        var result = await inbox.RunActionAsync(userId, id, request.ActionId, call.CancellationToken)
            ?? throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Notification {id} of '{userId}' has no action '{request.ActionId}'.");
        var response = new RunInboxActionResponse();
        if (result.Url is not null)
        {
            response.Url = result.Url;
        }
        return response;
    }

    private static async Task<InboxCounts> CountsAsync(GetInboxCountsRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        return ProtoResponseMapper.ToProto(await inbox.CountsAsync(userId, call.CancellationToken));
    }

    private static async IAsyncEnumerable<InboxEvent> WatchAsync(WatchInboxRequest request, GrpcCall call)
    {
        var userId = await call.AuthorizeUserAsync(request.UserId);
        var inbox = call.Services.GetRequiredService<IInboxService>();
        await foreach (var realtime in inbox.WatchAsync(userId, request.HasLastEventId ? request.LastEventId : null, call.CancellationToken))
        {
            yield return ProtoResponseMapper.ToProto(realtime);
        }
    }
}
