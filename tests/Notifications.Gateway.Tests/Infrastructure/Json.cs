using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Notifications.Gateway.Tests.Infrastructure;

public static class Json
{
    public static JsonSerializerOptions Options => NotificationJson.Options;

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Options) ?? throw new InvalidOperationException("The response body was JSON null.");

    public static StringContent Raw(string json, string mediaType = "application/json") => new(json, System.Text.Encoding.UTF8, mediaType);

    /// <summary>Asserts an error answer is problem+json with this status and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose errors are keyed by <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var problem = await ProblemAsync(response, status);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors member in {problem}");
        Assert.True(errors.TryGetProperty(field, out _), $"Expected errors keyed by '{field}' in {problem}");
        return problem;
    }
}
