using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;
using Notifications.Delivery;

namespace Notifications.Gateway.Endpoints;

/// <summary>Deliveries that ran out of attempts, and their replay. Admin scope.</summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/dead-letters").WithTags("Dead letters").RequireAuthorization(GatewayPolicies.Admin);
        group.MapGet("", ListAsync).WithName("ListDeadLetters")
            .WithSummary("Newest first, optionally of one channel; pass nextCursor back as cursor for the next page.");
        group.MapGet("/{deliveryId:long}", GetAsync).WithName("GetDeadLetter")
            .WithSummary("One dead letter with its notification and every delivery's history.");
        group.MapPost("/replay", ReplayManyAsync).WithName("ReplayDeadLetters")
            .WithSummary("Replays up to 100 dead letters at once; ids that are no dead letter are listed as missing.");
        group.MapPost("/{deliveryId:long}/replay", ReplayAsync).WithName("ReplayDeadLetter")
            .WithSummary("Puts a dead letter back in its queue, due now, with its attempts reset; the transition is logged.");
    }

    private static async Task<Ok<DeadLetterPage>> ListAsync(string? cursor, int? limit, string? channel, IDeliveryService deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.ListDeadLettersAsync(cursor, limit, ParseChannel(channel), cancellationToken));

    /// <summary>Spelled as in every answer (camelCase: webPush), any case; a number is not a channel name.</summary>
    private static DeliveryChannel? ParseChannel(string? channel) =>
        string.IsNullOrEmpty(channel) ? null
        : channel.All(char.IsAsciiLetter) && Enum.TryParse<DeliveryChannel>(channel, ignoreCase: true, out var parsed) ? parsed
        : throw new ValidationFailedException("channel", $"channel must be one of {string.Join(", ", Enum.GetValues<DeliveryChannel>().Select(c => JsonSerializer.Serialize(c, NotificationJson.Options).Trim('"')))}.");

    private static async Task<Results<Ok<DeadLetterDetail>, ProblemHttpResult>> GetAsync(long deliveryId, IDeliveryService deliveries, CancellationToken cancellationToken) =>
        await deliveries.GetDeadLetterAsync(deliveryId, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound($"There is no dead letter {deliveryId} (it may have been replayed already).");

    private static async Task<Ok<ReplayManyResponse>> ReplayManyAsync(ReplayManyRequest request, IDeliveryService deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.ReplayManyAsync(request.DeliveryIds, cancellationToken));

    private static async Task<Results<Accepted<ReplayedDelivery>, ProblemHttpResult>> ReplayAsync(
        long deliveryId, IDeliveryService deliveries, CancellationToken cancellationToken)
    {
        var replayed = await deliveries.ReplayAsync(deliveryId, cancellationToken);
        return replayed is null
            ? Problems.NotFound($"There is no dead letter {deliveryId} (it may have been replayed already).")
            : TypedResults.Accepted($"/api/v1/notifications/{replayed.NotificationId}", replayed);
    }
}
