using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapPost("", SendAsync).RequireAuthorization(GatewayPolicies.Send)
            .WithName("SendNotification").WithSummary("Accept one notification for one user (durable before the 202).");
        group.MapPost("/batch", SendBatchAsync).RequireAuthorization(GatewayPolicies.Send)
            .WithName("SendNotificationBatch").WithSummary($"Accept up to {SendLimits.MaxBatchSize} notifications; each item is answered on its own.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(GatewayPolicies.ReadNotifications)
            .WithName("GetNotification").WithSummary("A notification's status and deliveries.");
    }

    private static async Task<Accepted<SendNotificationResponse>> SendAsync(
        SendNotificationRequest request, INotificationService notifications, CancellationToken cancellationToken)
    {
        var response = await notifications.SendAsync(request, cancellationToken);
        return TypedResults.Accepted($"/api/v1/notifications/{response.Id}", response);
    }

    private static async Task<Accepted<BatchSendResponse>> SendBatchAsync(
        BatchSendRequest request, INotificationService notifications, CancellationToken cancellationToken)
    {
        var response = await notifications.SendBatchAsync(request.Notifications, cancellationToken);
        return TypedResults.Accepted((string?)null, response);
    }

    private static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> GetAsync(
        Guid id, INotificationService notifications, CancellationToken cancellationToken)
    {
        var view = await notifications.GetAsync(id, cancellationToken);
        return view is null ? Problems.NotFound($"There is no notification {id}.") : TypedResults.Ok(view);
    }
}
