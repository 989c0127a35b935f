using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Notifications.Gateway.Auth;

internal static class CallerPrincipalExtensions
{
    public static Caller? FindCaller(this ClaimsPrincipal? principal) =>
        principal?.Identities.OfType<CallerIdentity>().FirstOrDefault()?.Caller;

    /// <summary>The caller of an endpoint that requires authorization; its absence is a wiring bug, not bad input.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.User.FindCaller() ?? throw new InvalidOperationException("The endpoint was reached without an authenticated caller; it must require authorization.");
}
