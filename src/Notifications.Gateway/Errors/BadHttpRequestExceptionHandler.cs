using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Notifications.Gateway.Errors;

/// <summary>
/// A request ASP.NET Core could not bind (malformed JSON, a wrong content type, a query value of the wrong
/// type): the status it chose, and a body saying what was wrong, down to the JSON path when there is one.
/// </summary>
internal sealed partial class BadHttpRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
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
            var message = EnumValueMessage(field, json.Message) ?? $"The body is not valid JSON for this operation: {json.Message}";
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

    /// <summary>
    /// An unknown enum value ("priority": "urgent") is the commonest binding mistake; say which values exist
    /// instead of echoing the serializer's .NET type names.
    /// </summary>
    internal static string? EnumValueMessage(string field, string serializerMessage)
    {
        var match = ConvertedTo().Match(serializerMessage);
        if (!match.Success)
        {
            return null;
        }
        var typeName = match.Groups["type"].Value;
        var nullable = NullableOf().Match(typeName);
        if (nullable.Success)
        {
            typeName = nullable.Groups["inner"].Value;
        }
        var type = typeof(Priority).Assembly.GetType(typeName);
        if (type is not { IsEnum: true })
        {
            return null;
        }
        var names = Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName);
        return $"{field} must be one of: {string.Join(", ", names)}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to (?<type>[^\s]+?)\.(\s|$)")]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    [System.Text.RegularExpressions.GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial System.Text.RegularExpressions.Regex NullableOf();

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
