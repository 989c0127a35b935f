using Notifications.Tracking;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Channels.Email;
using Notifications.Application;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// RFC 8058 one-click unsubscribe. The POST (what mail clients send for List-Unsubscribe-Post) switches the user's
/// email off for the link's category through the user's grain, with no further interaction. A GET only shows a page
/// with a button posting back, because link scanners fetch every URL in a mail and must not unsubscribe anyone.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public static void MapUnsubscribeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/" + TrackingRoutes.Unsubscribe, Confirm).AllowAnonymous().WithTags("Unsubscribe").WithName("UnsubscribePage")
            .WithSummary("A confirmation page for a signed unsubscribe link (u, c, s); changes nothing.");
        app.MapPost("/" + TrackingRoutes.Unsubscribe, UnsubscribeAsync).AllowAnonymous().DisableAntiforgery().WithTags("Unsubscribe").WithName("Unsubscribe")
            .WithSummary("One-click unsubscribe (RFC 8058): turns email off for the link's category.");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Confirm(HttpContext context)
    {
        if (Verify(context) is { } refusal)
        {
            return refusal;
        }
        var (_, category) = Read(context);
        // No action attribute: the form posts back to this very URL, signed query included, whatever proxy is in front.
        return Page($"""
            <h1>Unsubscribe</h1>
            <p>Stop receiving <strong>{WebUtility.HtmlEncode(category)}</strong> emails?</p>
            <form method="post">
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <button type="submit">Unsubscribe</button>
            </form>
            """);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> UnsubscribeAsync(HttpContext context, IUserService users, CancellationToken cancellationToken)
    {
        if (Verify(context) is { } refusal)
        {
            return refusal;
        }
        var (userId, category) = Read(context);
        if (!await users.SetChannelPreferenceAsync(userId, category, ChannelKind.Email, enabled: false, cancellationToken))
        {
            return Problems.NotFound("The user of this unsubscribe link no longer exists.");
        }
        return Page($"<h1>Unsubscribed</h1><p>You will no longer receive <strong>{WebUtility.HtmlEncode(category)}</strong> emails.</p>");
    }

    private static ProblemHttpResult? Verify(HttpContext context)
    {
        var signer = context.RequestServices.GetService<UnsubscribeLinkSigner>();
        if (signer is null)
        {
            return Problems.NotFound("The email channel is not configured on this silo.");
        }
        var (userId, category) = Read(context);
        var signature = context.Request.Query[UnsubscribeLinkSigner.SignatureParameter].ToString();
        return signer.Verify(userId, category, signature)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The unsubscribe link's signature does not match; nothing was changed.");
    }

    private static (string UserId, string Category) Read(HttpContext context) =>
        (context.Request.Query[UnsubscribeLinkSigner.UserParameter].ToString(), context.Request.Query[UnsubscribeLinkSigner.CategoryParameter].ToString());

    private static ContentHttpResult Page(string body) =>
        TypedResults.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Email preferences</title></head>
            <body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">{body}</body></html>
            """, "text/html; charset=utf-8");
}
