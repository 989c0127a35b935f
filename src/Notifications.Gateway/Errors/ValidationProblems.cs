using Microsoft.AspNetCore.Http;

namespace Notifications.Gateway.Errors;

internal static class ValidationProblems
{
    public static HttpValidationProblemDetails Create(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = $"{field}: {message}",
        };
}
