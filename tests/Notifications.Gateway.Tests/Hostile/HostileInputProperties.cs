using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using FsCheck.Xunit;
using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>
/// Issue 9, item 7: whatever a client sends to the REST gateway, the answer is a 4xx (or a success) with a
/// problem+json body, never a 5xx or a dropped connection; a 400 names no .NET type; and a refused request changes nothing.
/// </summary>
public sealed partial class HostileInputProperties(HostileSilo silo) : IClassFixture<HostileSilo>
{
    [Property(Arbitrary = [typeof(HostileGenerators)], MaxTest = 500, QuietOnSuccess = true)]
    public async Task Any_request_is_answered_without_a_5xx_and_errors_are_problem_json(HostileRequest request)
    {
        var keysAndTemplates = IsKeyOrTemplateRoute(request.Path) ? await KeysAndTemplatesAsync() : null;

        using var response = await SendAsync(request);

        await AssertWellFormedAsync(response, request.Method);
        if (keysAndTemplates is not null && (int)response.StatusCode >= 400)
        {
            Assert.Equal(keysAndTemplates, await KeysAndTemplatesAsync());
        }
    }

    [Property(Arbitrary = [typeof(HostileGenerators)], MaxTest = 100, QuietOnSuccess = true)]
    public async Task A_refused_mutated_send_creates_no_notification(MutatedSend send)
    {
        // A user of its own: the victim's inbox fills up and its rate limit would digest the marker.
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.AdminKey);
        using var content = new ByteArrayContent(send.Body.AsSpan().ToArray().Replace(HostileGenerators.UserPlaceholder, user));
        if (send.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", send.ContentType);
        }

        using var response = await client.PostAsync("/api/v1/notifications", content);

        await AssertWellFormedAsync(response, "POST");
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var inbox = await silo.InboxAfterMarkerAsync(user);
            Assert.DoesNotContain(inbox.Notifications, n => n.Title == send.Marker);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HostileRequest request)
    {
        var client = silo.UploadClient(request.Credential switch
        {
            HostileCredential.Admin => silo.AdminKey,
            HostileCredential.UserToken => silo.VictimToken,
            _ => null,
        });
        if (request.Credential == HostileCredential.Garbage)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer a.b.c" + new string('=', 3000));
        }
        var path = request.Path.Replace(HostileGenerators.UserPlaceholder, silo.Victim, StringComparison.Ordinal);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), path + request.Query);
        // HttpClient refuses a TRACE body before anything is sent; the server never sees it.
        if (request.Body is { } body && !string.Equals(request.Method, "TRACE", StringComparison.OrdinalIgnoreCase))
        {
            message.Content = new ByteArrayContent(body.AsSpan().ToArray().Replace(HostileGenerators.UserPlaceholder, silo.Victim));
            message.Headers.ExpectContinue = true;
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }
        try
        {
            // A server that throws or drops the connection surfaces here as an exception: the property fails on it.
            return await client.SendAsync(message);
        }
        finally
        {
            client.Dispose();
        }
    }

    private static async Task AssertWellFormedAsync(HttpResponseMessage response, string method)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{status}: {body}");
        if (status < 400 || string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase) || IsKestrelRejection(response, body))
        {
            return;
        }
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} as {response.Content.Headers.ContentType}: {body}");
        Assert.False(ClrTypeName().IsMatch(body), $"The error names a .NET type: {body}");
    }

    /// <summary>Kestrel refuses a malformed request line, an over-long URL or header section with a bare answer before any middleware runs.</summary>
    private static bool IsKestrelRejection(HttpResponseMessage response, string body) =>
        response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong or HttpStatusCode.RequestHeaderFieldsTooLarge
        && body.Length == 0 && response.Content.Headers.ContentType is null;

    private static bool IsKeyOrTemplateRoute(string path) =>
        path.StartsWith("/api/v1/admin/api-keys", StringComparison.Ordinal) || path.StartsWith("/api/v1/templates", StringComparison.Ordinal);

    private async Task<string> KeysAndTemplatesAsync()
    {
        using var admin = silo.Client(silo.AdminKey);
        return await admin.GetStringAsync("/api/v1/admin/api-keys") + await admin.GetStringAsync("/api/v1/templates");
    }

    [GeneratedRegex(@"\b(System|Microsoft|Notifications)\.[A-Z][A-Za-z]+|`1")]
    private static partial Regex ClrTypeName();
}
