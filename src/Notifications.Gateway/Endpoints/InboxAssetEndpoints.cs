using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Notifications.Gateway.Assets;

namespace Notifications.Gateway.Endpoints;

/// <summary>
/// The embeddable inbox: the committed bundle of clients/web (embedded in this assembly at build time, so the
/// silo needs no npm) and a demo page. Anonymous: they hold no data; the page's API calls carry the user's token.
/// </summary>
internal static class InboxAssetEndpoints
{
    public const string ScriptPath = "/inbox.js";
    public const string DemoPath = "/inbox-demo";

    private static readonly Lazy<EmbeddedAsset> Script = new(() => EmbeddedAsset.Load("Notifications.Gateway.Inbox.inbox.js", "text/javascript; charset=utf-8"));
    private static readonly Lazy<EmbeddedAsset> Demo = new(() => EmbeddedAsset.Load("Notifications.Gateway.Inbox.inbox-demo.html", "text/html; charset=utf-8"));

    public static void MapInboxAssetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The bundle's name carries no version, so caches revalidate after an hour (the ETag makes that cheap).
        endpoints.MapGet(ScriptPath, (HttpContext context) => Script.Value.Serve(context, "public, max-age=3600"))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(DemoPath, (HttpContext context) => Demo.Value.Serve(context, "no-cache"))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
