using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Notifications.Gateway.Endpoints;

/// <summary>The gateway's 404 answers, as problem+json saying what was not found.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: what);

    public static ProblemHttpResult Conflict(string why) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: why);

    public static ProblemHttpResult UnknownUser(string userId) =>
        NotFound($"There is no user \"{userId}\"; register them first with PUT /api/v1/users/{{userId}}.");
}
