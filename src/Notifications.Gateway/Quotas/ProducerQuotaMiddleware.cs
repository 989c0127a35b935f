using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Notifications.Gateway.Auth;

namespace Notifications.Gateway.Quotas;

/// <summary>
/// Applies <see cref="IProducerQuota"/> to REST calls: after authentication (an unknown key is a 401, not a 429)
/// and before the body is read, so a producer over its quota costs no parsing and changes nothing.
/// </summary>
internal sealed class ProducerQuotaMiddleware(RequestDelegate next, IProducerQuota quota, IProblemDetailsService problems)
{
    public static readonly PathString ApiPrefix = "/api/v1";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiPrefix) || context.User.FindCaller() is not { } caller)
        {
            await next(context);
            return;
        }
        var decision = await quota.TryAcquireAsync(caller, 1, context.RequestAborted);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = decision.Detail },
        });
    }
}
