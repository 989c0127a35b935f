using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Notifications.Gateway.Inbox;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// The embeddable inbox: the committed bundle of clients/web (embedded in this assembly at build time, so the
/// silo needs no npm) and a demo page. Anonymous: they hold no data; the page's API calls carry the user's token.
/// </summary>
internal static class InboxAssetEndpoints
{
    public const string ScriptPath = "/inbox.js";
    public const string DemoPath = "/inbox-demo";

    private static readonly Lazy<InboxAsset> Script = new(() => InboxAsset.Load("Notifications.Gateway.Inbox.inbox.js", "text/javascript; charset=utf-8"));
    private static readonly Lazy<InboxAsset> Demo = new(() => InboxAsset.Load("Notifications.Gateway.Inbox.inbox-demo.html", "text/html; charset=utf-8"));

    public static void MapInboxAssetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The bundle's name carries no version, so caches revalidate after an hour (the ETag makes that cheap).
        endpoints.MapGet(ScriptPath, (HttpContext context) => Serve(context, Script.Value, "public, max-age=3600"))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(DemoPath, (HttpContext context) => Serve(context, Demo.Value, "no-cache"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, InboxAsset asset, string cacheControl)
    {
        context.Response.Headers.CacheControl = cacheControl;
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
