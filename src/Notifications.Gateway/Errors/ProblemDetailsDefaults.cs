using Microsoft.AspNetCore.Http;

namespace Notifications.Gateway.Errors;

/// <summary>
/// Fills in a detail for the errors ASP.NET Core answers by itself (routing's 404/405, the 415 of a body that
/// is not JSON), which otherwise carry only a title.
/// </summary>
internal static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }
        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType =>
                $"The body must be JSON (Content-Type: application/json); it was sent as \"{request.ContentType ?? "(none)"}\".",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status404NotFound => $"Nothing answers {request.Method} {request.Path}.",
            _ => null,
        };
    }
}
