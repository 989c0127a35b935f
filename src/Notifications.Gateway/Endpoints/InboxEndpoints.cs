using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>The in-app inbox (the embeddable inbox's API): pages, counts, read, seen, archive, snooze, actions and the live stream. Reachable by the user's own token or a manage key.</summary>
internal static class InboxEndpoints
{
    public static void MapInboxEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users/{userId}/notifications").WithTags("Inbox").RequireAuthorization(GatewayPolicies.ActForUser);
        group.MapGet("", ListAsync).WithName("ListInbox")
            .WithSummary("Newest first; pass nextCursor back as cursor for the next page. state: active (default), unread, archived, snoozed, all; category and tag filter further.");
        group.MapGet("/counts", CountsAsync).WithName("InboxCounts").WithSummary("Unread and unseen active items: the bell's numbers.");
        group.MapPost("/seen", MarkSeenAsync).WithName("MarkInboxSeen").WithSummary("Marks every active unseen item seen (the feed was opened).");
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("MarkRead")
            .WithSummary("Any of read, archived, snoozedUntil (future, at most 30 days ahead; null un-snoozes).");
        group.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllRead");
        group.MapPost("/bulk", BulkAsync).WithName("BulkUpdateInbox").WithSummary("read, archive or unarchive every item a filter covers.");
        group.MapPost("/{id:guid}/actions/{actionId}", RunActionAsync).WithName("RunInboxAction")
            .WithSummary("Records the click of one of the item's actions as its in-app delivery's click; answers the action's url.");
        group.MapPost("/{id:guid}/opened", PushOpenedAsync).WithName("ReportPushOpened")
            .WithSummary("The app reports that the user opened a push of this notification; its push deliveries become 'opened'.");
        group.MapGet("/stream", StreamAsync).WithName("InboxStream")
            .WithSummary("Server-sent events: 'unread' with the counts first, then 'notification' (id: the item's cursor) and 'updated'. Last-Event-ID (or lastEventId) catches up first. Accepts access_token in the query for EventSource.")
            .WithMetadata(QueryTokenMetadata.Instance);
    }

    private static async Task<Ok<InboxPage>> ListAsync(
        string userId, string? cursor, int? limit, string? state, string? category, string? tag, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(userId, cursor, limit, new InboxFilter(state, category, tag), cancellationToken));

    private static async Task<Ok<InboxCounts>> CountsAsync(string userId, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.CountsAsync(userId, cancellationToken));

    private static async Task<Ok<MarkAllReadResponse>> MarkSeenAsync(string userId, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkAllReadResponse(await inbox.MarkSeenAsync(userId, cancellationToken)));

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(
        string userId, Guid id, InboxUpdateRequest? request, IInboxService inbox, CancellationToken cancellationToken) =>
        await inbox.UpdateAsync(userId, id, request, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User \"{userId}\" has no notification {id}.");

    private static async Task<Ok<MarkAllReadResponse>> BulkAsync(
        string userId, InboxBulkRequest? request, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkAllReadResponse(await inbox.BulkAsync(userId, request, cancellationToken)));

    private static async Task<Results<Ok<InboxActionResult>, ProblemHttpResult>> RunActionAsync(
        string userId, Guid id, string actionId, IInboxService inbox, CancellationToken cancellationToken) =>
        await inbox.RunActionAsync(userId, id, actionId, cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : Problems.NotFound($"User \"{userId}\" has no notification {id} with an action \"{actionId}\".");

    private static async Task<Results<NoContent, ProblemHttpResult>> PushOpenedAsync(
        string userId, Guid id, IDeliveryService deliveries, CancellationToken cancellationToken) =>
        await deliveries.RecordPushOpenedAsync(userId, id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User \"{userId}\" has no notification {id}.");

    private static async Task<Ok<MarkAllReadResponse>> MarkAllReadAsync(
        string userId, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkAllReadResponse(await inbox.MarkAllReadAsync(userId, cancellationToken)));

    /// <summary>
    /// The first event (the counts) is read before the answer starts, so a bad Last-Event-ID is a 400 and not a
    /// stream that breaks off.
    /// </summary>
    private static async Task<ServerSentEventsResult<string>> StreamAsync(
        string userId, string? lastEventId, IInboxService inbox, IOptions<JsonOptions> json, HttpContext context)
    {
        var resumeFrom = context.Request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header ? header : lastEventId;
        var events = inbox.WatchAsync(userId, resumeFrom, context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        bool any;
        try
        {
            any = await events.MoveNextAsync();
        }
        catch
        {
            await events.DisposeAsync();
            throw;
        }
        return TypedResults.ServerSentEvents(Events(events, any, json.Value.SerializerOptions, context.RequestAborted));
    }

    /// <summary>Serialized with the same options as every REST answer, so an item reads the same on both.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        IAsyncEnumerator<RealtimeEvent> events, bool any, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (events)
        {
            while (any)
            {
                var item = events.Current;
                yield return new SseItem<string>(JsonSerializer.Serialize(item, options), item.Kind) { EventId = item.Cursor };
                cancellationToken.ThrowIfCancellationRequested();
                any = await events.MoveNextAsync();
            }
        }
    }
}
