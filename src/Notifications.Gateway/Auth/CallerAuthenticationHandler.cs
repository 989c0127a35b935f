using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Notifications.Gateway.Console;

namespace Notifications.Gateway.Auth;

/// <summary>ASP.NET Core's view of <see cref="ICallerAuthenticator"/>: one scheme for API keys and user tokens alike.</summary>
internal sealed class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ICallerAuthenticator authenticator,
    ConsoleSession sessions,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NotificationSilo";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization)
            && Context.GetEndpoint()?.Metadata.GetMetadata<QueryTokenMetadata>() is not null
            && Request.Query.TryGetValue(QueryTokenMetadata.ParameterName, out var queryToken)
            && !string.IsNullOrEmpty(queryToken))
        {
            authorization = "Bearer " + queryToken;
        }
        if (string.IsNullOrEmpty(authorization))
        {
            return await AuthenticateSessionAsync();
        }
        var caller = await authenticator.AuthenticateAsync(authorization, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The credential is malformed, unknown, revoked or expired.");
        }
        var principal = new System.Security.Claims.ClaimsPrincipal(new CallerIdentity(caller));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>An operator signed in to the console; a change must also carry <see cref="ConsoleSession.RequestHeader"/>.</summary>
    private async Task<AuthenticateResult> AuthenticateSessionAsync()
    {
        if (sessions.Read(Request) is not { } session)
        {
            return AuthenticateResult.NoResult();
        }
        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method)
            && !Request.Headers.ContainsKey(ConsoleSession.RequestHeader)
            && Context.GetEndpoint()?.Metadata.GetMetadata<OperatorPageMetadata>() is null)
        {
            return AuthenticateResult.Fail($"A change made through the console's session must carry the {ConsoleSession.RequestHeader} header.");
        }
        var caller = await authenticator.AuthenticateKeyHashAsync(session.KeyId, session.KeyHash, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("The console session's key was revoked; sign in again.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(new CallerIdentity(caller)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsOperatorPage)
        {
            Response.Redirect(ConsolePaths.SignIn + QueryString.Create("returnUrl", Request.PathBase + Request.Path + Request.QueryString));
            return;
        }
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"");
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            result.Failure?.Message ?? "A credential is required: send \"Authorization: Bearer <API key or user token>\".");
    }

    private bool IsOperatorPage => Context.GetEndpoint()?.Metadata.GetMetadata<OperatorPageMetadata>() is not null
        && HttpMethods.IsGet(Request.Method)
        && Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (IsOperatorPage)
        {
            Response.Redirect(ConsolePaths.SignIn + QueryString.Create("returnUrl", Request.PathBase + Request.Path + Request.QueryString) + "&forbidden=1");
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            "Forbidden",
            "The credential is valid but does not grant this operation (a user token reaches only its own user; producer keys need the right scope).");
    }

    private async Task WriteProblemAsync(int status, string title, string detail) =>
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}
