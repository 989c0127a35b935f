using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Notifications.Gateway.Errors;

/// <summary>
/// A request ASP.NET Core could not bind (malformed JSON, a wrong content type, a query value of the wrong
/// type): the status it chose, and a body saying what was wrong, down to the JSON path when there is one.
/// </summary>
internal sealed class BadHttpRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        ProblemDetails problem;
        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var message = $"The body is not valid JSON for this operation: {json.Message}";
            problem = ValidationProblems.Create(field, message);
            problem.Status = bad.StatusCode;
        }
        else
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported content type." : "The request is invalid.",
                Detail = bad.Message,
            };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>"$.quietHours.start" → "quietHours.start"; the document root is reported as "body".</summary>
    internal static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }
        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }
}
