using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Notifications.Gateway.Errors;

/// <summary>
/// Refuses a body whose Content-Type names a charset .NET does not know with 415, before anything reads it:
/// minimal APIs' JSON reader would otherwise throw a plain InvalidOperationException for it, a 500.
/// </summary>
internal sealed class RequestCharsetMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset
            && !IsKnown(charset.Value!))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported content type.",
                    Detail = $"The charset \"{Shorten(charset.Value!)}\" is not supported; send the body as UTF-8 (Content-Type: application/json).",
                },
            });
            return;
        }
        await next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
