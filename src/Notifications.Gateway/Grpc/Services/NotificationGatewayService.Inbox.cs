using Grpc.Core;
using Notifications.Application;
using Notifications.Gateway.Grpc.Errors;
using Notifications.Gateway.Grpc.Mapping;
using Notifications.Protocol.V1;

namespace Notifications.Gateway.Grpc.Services;

/// <summary>A user's inbox and its live stream, answered by <see cref="IInboxService"/>.</summary>
internal sealed partial class NotificationGatewayService
{
    public override async Task<InboxPage> ListInbox(ListInboxRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var inbox = context.Service<IInboxService>();
        var filter = new Notifications.Api.InboxFilter(
            ProtoRequestMapper.ToState(request.State), request.HasCategory ? request.Category : null, request.HasTag ? request.Tag : null);
        var page = await inbox.ListAsync(userId, request.HasCursor ? request.Cursor : null, request.HasLimit ? request.Limit : null, filter, context.CancellationToken);
        return ProtoResponseMapper.ToProto(page);
    }

    public override async Task<MarkReadResponse> MarkRead(MarkReadRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var id = ProtoRequestMapper.ToId(request.NotificationId, "notification_id");
        var read = !request.HasRead || request.Read;
        var inbox = context.Service<IInboxService>();
        if (!await inbox.SetReadAsync(userId, id, read, context.CancellationToken))
        {
            throw GrpcErrors.NotFound($"Notification {id} not found in the inbox of '{userId}'.");
        }

        return new MarkReadResponse { NotificationId = id.ToString(), Read = read };
    }

    public override async Task<MarkAllReadResponse> MarkAllRead(MarkAllReadRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var inbox = context.Service<IInboxService>();
        return new MarkAllReadResponse { Marked = await inbox.MarkAllReadAsync(userId, context.CancellationToken) };
    }

    public override async Task<UpdateInboxItemResponse> UpdateInboxItem(UpdateInboxItemRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
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
        var inbox = context.Service<IInboxService>();
        if (!await inbox.UpdateAsync(userId, id, change, context.CancellationToken))
        {
            throw GrpcErrors.NotFound($"Notification {id} not found in the inbox of '{userId}'.");
        }
        return new UpdateInboxItemResponse();
    }

    public override async Task<InboxUpdatedResponse> MarkInboxSeen(MarkInboxSeenRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var inbox = context.Service<IInboxService>();
        return new InboxUpdatedResponse { Updated = await inbox.MarkSeenAsync(userId, context.CancellationToken) };
    }

    public override async Task<InboxUpdatedResponse> BulkUpdateInbox(BulkUpdateInboxRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var inbox = context.Service<IInboxService>();
        var bulk = new Notifications.Api.InboxBulkRequest(request.Action, ProtoRequestMapper.ToDto(request.Filter));
        return new InboxUpdatedResponse { Updated = await inbox.BulkAsync(userId, bulk, context.CancellationToken) };
    }

    public override async Task<RunInboxActionResponse> RunInboxAction(RunInboxActionRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var id = ProtoRequestMapper.ToId(request.NotificationId, "notification_id");
        var inbox = context.Service<IInboxService>();
        var result = await inbox.RunActionAsync(userId, id, request.ActionId, context.CancellationToken)
            ?? throw GrpcErrors.NotFound($"Notification {id} of '{userId}' has no action '{request.ActionId}'.");
        var response = new RunInboxActionResponse();
        if (result.Url is not null)
        {
            response.Url = result.Url;
        }
        return response;
    }

    public override async Task<InboxCounts> GetInboxCounts(GetInboxCountsRequest request, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var inbox = context.Service<IInboxService>();
        return ProtoResponseMapper.ToProto(await inbox.CountsAsync(userId, context.CancellationToken));
    }

    public override async Task WatchInbox(WatchInboxRequest request, IServerStreamWriter<InboxEvent> responseStream, ServerCallContext context)
    {
        var userId = await context.AuthorizeUserAsync(request.UserId);
        var inbox = context.Service<IInboxService>();
        await foreach (var realtime in inbox.WatchAsync(userId, request.HasLastEventId ? request.LastEventId : null, context.CancellationToken))
        {
            await responseStream.WriteAsync(ProtoResponseMapper.ToProto(realtime), context.CancellationToken);
        }
    }
}
