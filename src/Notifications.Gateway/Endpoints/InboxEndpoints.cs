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

/// <summary>The in-app inbox: pages, read marks and the live stream. Reachable by the user's own token or a manage key.</summary>
internal static class InboxEndpoints
{
    public static void MapInboxEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users/{userId}/notifications").WithTags("Inbox").RequireAuthorization(GatewayPolicies.ActForUser);
        group.MapGet("", ListAsync).WithName("ListInbox").WithSummary("Newest first; pass nextCursor back as cursor for the next page.");
        group.MapPatch("/{id:guid}", SetReadAsync).WithName("MarkRead");
        group.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllRead");
        group.MapPost("/{id:guid}/opened", PushOpenedAsync).WithName("ReportPushOpened")
            .WithSummary("The app reports that the user opened a push of this notification; its push deliveries become 'opened'.");
        group.MapGet("/stream", Stream).WithName("InboxStream")
            .WithSummary("Server-sent events: 'unread' with the count first, then 'notification' for every new item. Accepts access_token in the query for EventSource.")
            .WithMetadata(QueryTokenMetadata.Instance);
    }

    private static async Task<Ok<InboxPage>> ListAsync(
        string userId, string? cursor, int? limit, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(userId, cursor, limit, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> SetReadAsync(
        string userId, Guid id, MarkReadRequest request, IInboxService inbox, CancellationToken cancellationToken)
    {
        if (request.Read is not { } read)
        {
            throw new ValidationFailedException("read", "Required: true to mark the notification read, false to mark it unread.");
        }
        return await inbox.SetReadAsync(userId, id, read, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User \"{userId}\" has no notification {id}.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PushOpenedAsync(
        string userId, Guid id, IDeliveryService deliveries, CancellationToken cancellationToken) =>
        await deliveries.RecordPushOpenedAsync(userId, id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User \"{userId}\" has no notification {id}.");

    private static async Task<Ok<MarkAllReadResponse>> MarkAllReadAsync(
        string userId, IInboxService inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MarkAllReadResponse(await inbox.MarkAllReadAsync(userId, cancellationToken)));

    private static ServerSentEventsResult<string> Stream(string userId, IInboxService inbox, IOptions<JsonOptions> json, HttpContext context) =>
        TypedResults.ServerSentEvents(Events(inbox, userId, json.Value.SerializerOptions, context.RequestAborted));

    /// <summary>Serialized with the same options as every REST answer, so an item reads the same on both.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        IInboxService inbox, string userId, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in inbox.WatchAsync(userId, cancellationToken))
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(item, options), item.Kind);
        }
    }
}
