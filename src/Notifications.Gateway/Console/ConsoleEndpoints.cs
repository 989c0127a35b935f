using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Notifications.Gateway.Assets;
using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Console;

/// <summary>
/// The operations console: one page and its script and style, embedded in this assembly, reading only the admin API.
/// The page needs the admin scope (an admin key as a bearer token, or the sign-in cookie); its assets hold no data.
/// </summary>
internal static class ConsoleEndpoints
{
    private static readonly Lazy<EmbeddedAsset> Page = new(() => Asset("console.html", "text/html; charset=utf-8"));
    private static readonly Lazy<EmbeddedAsset> Script = new(() => Asset("console.js", "text/javascript; charset=utf-8"));
    private static readonly Lazy<EmbeddedAsset> Style = new(() => Asset("console.css", "text/css; charset=utf-8"));
    private static readonly Lazy<EmbeddedAsset> SignInPage = new(() => Asset("sign-in.html", "text/html; charset=utf-8"));

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ConsolePaths.Console, (HttpContext context) => Page.Value.Serve(context, "no-cache"))
            .RequireAuthorization(GatewayPolicies.Admin).WithMetadata(OperatorPageMetadata.Instance).ExcludeFromDescription();
        endpoints.MapGet(ConsolePaths.Console + "/console.js", (HttpContext context) => Script.Value.Serve(context, "no-cache"))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(ConsolePaths.Console + "/console.css", (HttpContext context) => Style.Value.Serve(context, "no-cache"))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(ConsolePaths.SignIn, (HttpContext context) => SignInPage.Value.Serve(context, "no-cache"))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(ConsolePaths.SignIn, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(ConsolePaths.SignOut, SignOut).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    /// <summary>
    /// An admin API key, posted from the sign-in form, becomes a session cookie. A wrong or non-admin key goes back
    /// to the form with the reason; nothing is set.
    /// </summary>
    private static async Task<IResult> SignInAsync(HttpContext context, ICallerAuthenticator authenticator, ConsoleSession sessions)
    {
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
                detail: "Sign in with the form: application/x-www-form-urlencoded with apiKey (and optionally returnUrl).");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = form["apiKey"].ToString().Trim();
        var returnUrl = LocalOrConsole(form["returnUrl"].ToString());
        var caller = key.Length == 0 ? null : await authenticator.AuthenticateAsync("Bearer " + key, context.RequestAborted);
        if (caller is null || caller.IsUser || caller.ApiKeyId is null)
        {
            return Back(returnUrl, "unknown");
        }
        if (!caller.HasScope(Scopes.Admin))
        {
            return Back(returnUrl, "scope");
        }
        sessions.SignIn(context.Response, caller.ApiKeyId, ApiKeySecret.Hash(key), context.Request.IsHttps);
        return Results.Redirect(returnUrl, permanent: false, preserveMethod: false);
    }

    private static IResult SignOut(HttpContext context)
    {
        ConsoleSession.SignOut(context.Response, context.Request.IsHttps);
        return Results.Redirect(ConsolePaths.SignIn);
    }

    private static IResult Back(string returnUrl, string error) =>
        Results.Redirect(ConsolePaths.SignIn + QueryString.Create([new KeyValuePair<string, string?>("returnUrl", returnUrl), new KeyValuePair<string, string?>("error", error)]));

    /// <summary>Only a path on this host: an open redirect would let a link sign an operator in and send them elsewhere.</summary>
    private static string LocalOrConsole(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : ConsolePaths.Console;

    private static EmbeddedAsset Asset(string name, string contentType) => EmbeddedAsset.Load("Notifications.Gateway.Console." + name, contentType);
}
