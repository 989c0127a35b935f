using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>Deliveries that ran out of attempts, and their replay. Admin scope.</summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/dead-letters").WithTags("Dead letters").RequireAuthorization(GatewayPolicies.Admin);
        group.MapGet("", ListAsync).WithName("ListDeadLetters").WithSummary("Newest first; pass nextCursor back as cursor for the next page.");
        group.MapPost("/{deliveryId:long}/replay", ReplayAsync).WithName("ReplayDeadLetter")
            .WithSummary("Puts a dead letter back in its queue, due now, with its attempts reset; the transition is logged.");
    }

    private static async Task<Ok<DeadLetterPage>> ListAsync(string? cursor, int? limit, IDeliveryService deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.ListDeadLettersAsync(cursor, limit, cancellationToken));

    private static async Task<Results<Accepted<ReplayedDelivery>, ProblemHttpResult>> ReplayAsync(
        long deliveryId, IDeliveryService deliveries, CancellationToken cancellationToken)
    {
        var replayed = await deliveries.ReplayAsync(deliveryId, cancellationToken);
        return replayed is null
            ? Problems.NotFound($"There is no dead letter {deliveryId} (it may have been replayed already).")
            : TypedResults.Accepted($"/api/v1/notifications/{replayed.NotificationId}", replayed);
    }
}
