using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Notifications.Application;

namespace Notifications.Gateway.Errors;

/// <summary>Bad input found by the gateway or the services: 400 with <c>errors</c> keyed by the offending field.</summary>
internal sealed class ValidationFailedExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ValidationFailedException failure)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = ValidationProblems.Create(failure.Field, failure.Message),
        });
    }
}
