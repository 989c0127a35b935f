using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Notifications.Gateway.Errors;

/// <summary>
/// A request ASP.NET Core could not bind (malformed JSON, a wrong content type, a query value of the wrong
/// type): the status it chose, and a body saying what was wrong, down to the JSON path when there is one,
/// in the API's terms (see <see cref="BindingMessages"/>), never the framework's .NET type names.
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
            var field = BindingMessages.FieldOf(json.Path);
            problem = ValidationProblems.Create(field, BindingMessages.ForJson(field, json));
            problem.Status = bad.StatusCode;
        }
        else if (BindingMessages.ForParameter(bad.Message) is { } parameter)
        {
            problem = ValidationProblems.Create(parameter.Field, parameter.Message);
            problem.Status = bad.StatusCode;
        }
        else
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported content type." : "The request is invalid.",
                Detail = BindingMessages.WithoutTypeNames(bad.Message),
            };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }
}
