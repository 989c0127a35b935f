using Notifications.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// The email open pixel and click redirect. Anonymous (mail clients carry no credentials); the HMAC in the link is
/// the authorization, and a link that fails it records nothing and redirects nowhere.
/// </summary>
internal static class TrackingEndpoints
{
    /// <summary>The smallest transparent GIF: 1×1, one transparent colour.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void MapTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/{TrackingRoutes.Open}/{{deliveryId:long}}", OpenAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet($"/{TrackingRoutes.Click}/{{deliveryId:long}}", ClickAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OpenAsync(
        long deliveryId, HttpContext context, IDeliveryService deliveries, CancellationToken cancellationToken)
    {
        var signature = context.Request.Query[TrackingRoutes.SignatureParameter].ToString();
        if (!await deliveries.RecordEmailOpenAsync(deliveryId, signature, cancellationToken))
        {
            return BadSignature();
        }
        context.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate";
        return TypedResults.File(Pixel, "image/gif");
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> ClickAsync(
        long deliveryId, HttpContext context, IDeliveryService deliveries, CancellationToken cancellationToken)
    {
        var destination = context.Request.Query[TrackingRoutes.UrlParameter].ToString();
        var signature = context.Request.Query[TrackingRoutes.SignatureParameter].ToString();
        if (!await deliveries.RecordClickAsync(deliveryId, destination, signature, cancellationToken))
        {
            return BadSignature();
        }
        return TypedResults.Redirect(destination);
    }

    private static ProblemHttpResult BadSignature() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The link's signature does not match; nothing was recorded.");
}
