using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

/// <summary>
/// The operator pages (/console and the Orleans dashboard) and their sign-in: without admin credentials a browser is
/// sent to the sign-in form and an API client gets 401; only an admin key signs in; the session cookie reaches the
/// admin API, but a change through it needs the console's header; revoking the key ends the session.
/// </summary>
public sealed class OperatorSignInTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Theory]
    [InlineData("/console")]
    [InlineData("/dashboard/")]
    public async Task Without_credentials_a_browser_is_sent_to_sign_in_and_an_api_client_gets_401(string page)
    {
        using var browser = Anonymous();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        using var redirected = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal($"/console/sign-in?returnUrl={Uri.EscapeDataString(page)}", redirected.Headers.Location!.OriginalString);

        using var api = Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(page)).StatusCode);
        using var producer = silo.Client(silo.ManageKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.GetAsync(page)).StatusCode);
        using var admin = silo.Client(silo.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_key_signs_in_and_nothing_is_set_otherwise()
    {
        foreach (var (key, error) in new[] { ("nsk_not-a-key", "unknown"), ("", "unknown"), (silo.ManageKey, "scope") })
        {
            using var client = Anonymous();
            using var response = await client.PostAsync("/console/sign-in", Form(key, "/console"));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/console/sign-in?returnUrl=%2Fconsole&error={error}", response.Headers.Location!.OriginalString);
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
        using var json = Anonymous();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await json.PostAsJsonAsync("/console/sign-in", new { apiKey = silo.AdminKey })).StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_strict_and_reaches_the_pages_and_the_admin_api()
    {
        var cookie = await SignInAsync(silo.AdminKey, "/dashboard/");
        Assert.Contains("httponly", cookie.Header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie.Header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(silo.AdminKey, cookie.Header, StringComparison.Ordinal);

        using var session = WithCookie(cookie.Value);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/console")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/admin/operations")).StatusCode);

        // A cross-site form cannot add a header: a change through the cookie alone is refused and changes nothing.
        var replay = new ReplayManyRequest([long.MaxValue]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostAsJsonAsync("/api/v1/admin/dead-letters/replay", replay, Json.Options)).StatusCode);
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/dead-letters/replay") { Content = JsonContent.Create(replay, options: Json.Options) };
        withHeader.Headers.Add(ConsoleSession.RequestHeader, "1");
        Assert.Equal(HttpStatusCode.OK, (await session.SendAsync(withHeader)).StatusCode);

        using var forged = WithCookie(cookie.Value[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/admin/operations")).StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_session_and_signing_out_clears_the_cookie()
    {
        using var admin = silo.Client(silo.AdminKey);
        var created = await Json.ReadAsync<ApiKeyView>(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("operator", [Scopes.Admin]), Json.Options));
        var cookie = await SignInAsync(created.Key!, "/console");
        using var session = WithCookie(cookie.Value);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/admin/operations")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/api-keys/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/admin/operations")).StatusCode);

        using var signOut = Anonymous();
        using var response = await signOut.PostAsync("/console/sign-out", null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ConsoleSession.CookieName + "=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("")]
    public async Task Sign_in_never_redirects_off_this_host(string returnUrl)
    {
        using var client = Anonymous();
        using var response = await client.PostAsync("/console/sign-in", Form(silo.AdminKey, returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_console_assets_are_public_and_hold_no_data()
    {
        using var client = Anonymous();
        foreach (var (path, type) in new[] { ("/console/console.js", "text/javascript"), ("/console/console.css", "text/css"), ("/console/sign-in", "text/html") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
    }

    private HttpClient Anonymous() => silo.Factory.CreateClient(bearer: null, followRedirects: false);

    private HttpClient WithCookie(string value)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", $"{ConsoleSession.CookieName}={value}");
        return client;
    }

    private async Task<(string Value, string Header)> SignInAsync(string key, string returnUrl)
    {
        using var client = Anonymous();
        using var response = await client.PostAsync("/console/sign-in", Form(key, returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(returnUrl, response.Headers.Location!.OriginalString);
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var value = header[(ConsoleSession.CookieName.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)];
        return (value, header);
    }

    private static FormUrlEncodedContent Form(string key, string returnUrl) =>
        new([new KeyValuePair<string, string>("apiKey", key), new KeyValuePair<string, string>("returnUrl", returnUrl)]);
}
