using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Grains.Storage;

namespace Notifications.Gateway.Tests;

/// <summary>Who reaches what: user tokens reach only their own user; producer keys need their scope; anything else is 401.</summary>
public sealed class AuthMatrixTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    public static TheoryData<string, string> UserResources => new()
    {
        { "GET", "" },
        { "PUT", "" },
        { "GET", "/preferences" },
        { "PUT", "/preferences" },
        { "GET", "/devices" },
        { "POST", "/devices" },
        { "DELETE", "/devices/dev_x" },
        { "GET", "/notifications" },
        { "PATCH", $"/notifications/{Guid.Empty}" },
        { "POST", "/notifications/read-all" },
        { "GET", "/notifications/stream" },
        { "GET", "/notifications/counts" },
        { "POST", "/notifications/seen" },
        { "POST", "/notifications/bulk" },
        { "POST", $"/notifications/{Guid.Empty}/actions/open" },
    };

    [Theory]
    [MemberData(nameof(UserResources))]
    public async Task User_A_token_on_user_B_resource_is_403_and_B_is_unchanged(string method, string suffix)
    {
        var a = await silo.CreateUserAsync();
        var b = await silo.CreateUserAsync(profile: new UserProfile { DisplayName = "Bob", TimeZone = "Europe/Paris" });
        var tokenA = await silo.TokenForAsync(a);
        using var client = silo.Client(tokenA);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/users/{b}{suffix}")
        {
            Content = method is "GET" or "DELETE" ? null : Json.Raw(BodyFor(suffix)),
        });

        await Json.ProblemAsync(response, HttpStatusCode.Forbidden);
        using var manager = silo.Client(silo.ManageKey);
        var bView = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{b}"));
        Assert.Equal("Bob", bView.Profile.DisplayName);
        Assert.Empty(bView.Devices);
    }

    [Theory]
    [MemberData(nameof(UserResources))]
    public async Task User_token_reaches_its_own_resources(string method, string suffix)
    {
        var a = await silo.CreateUserAsync();
        using var client = silo.Client(await silo.TokenForAsync(a));
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/users/{a}{suffix}")
        {
            Content = method is "GET" or "DELETE" ? null : Json.Raw(BodyFor(suffix)),
        };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        // Authorised: the operation's own answer (404 for the made-up ids), never 401/403.
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {suffix} answered {(int)response.StatusCode}");
    }

    public static TheoryData<string, string> ManageOperations => new()
    {
        { "PUT", "/api/v1/users/someone" },
        { "GET", "/api/v1/users/someone" },
        { "PUT", "/api/v1/users/someone/preferences" },
        { "POST", "/api/v1/users/someone/devices" },
        { "GET", "/api/v1/users/someone/notifications" },
        { "POST", "/api/v1/users/someone/tokens" },
        { "GET", "/api/v1/templates" },
        { "PUT", "/api/v1/templates/some-type" },
        { "DELETE", "/api/v1/templates/some-type" },
        { "GET", "/api/v1/admin/api-keys" },
        { "POST", "/api/v1/admin/api-keys" },
        { "DELETE", "/api/v1/admin/api-keys/key_x" },
    };

    [Theory]
    [MemberData(nameof(ManageOperations))]
    public async Task Send_scoped_key_cannot_manage_users_templates_or_keys(string method, string path)
    {
        using var client = silo.Client(silo.SendKey);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "GET" or "DELETE" ? null : Json.Raw("{}"),
        });
        await Json.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Manage_key_cannot_administer_api_keys_and_no_key_was_created()
    {
        using var client = silo.Client(silo.ManageKey);
        var response = await client.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("sneaky", [Scopes.Admin]), Json.Options);
        await Json.ProblemAsync(response, HttpStatusCode.Forbidden);
        using var admin = silo.Client(silo.AdminKey);
        var keys = await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"));
        Assert.DoesNotContain(keys, k => k.Name == "sneaky");
    }

    [Fact]
    public async Task User_token_cannot_send_read_producer_views_or_issue_tokens()
    {
        var a = await silo.CreateUserAsync();
        using var client = silo.Client(await silo.TokenForAsync(a));
        await Json.ProblemAsync(await client.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = a, Content = new InlineContent("t", "b") }, Json.Options), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/notifications/{Guid.NewGuid()}"), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/users/{a}/tokens", new IssueTokenRequest(null), Json.Options), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await client.GetAsync("/api/v1/templates"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer nsk_notarealkeyatall")]
    [InlineData("Bearer not-a-credential")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer a.b.c")]
    public async Task Missing_or_invalid_credential_is_401_problem_json(string? authorization)
    {
        using var client = silo.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/templates");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        var response = await client.SendAsync(request);
        await Json.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Revoked_key_is_401_from_the_next_request_on()
    {
        var key = await silo.CreateKeyAsync(silo.AdminKey, "to revoke", Scopes.Send, Scopes.Manage);
        using var client = silo.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/templates")).StatusCode);
        using var admin = silo.Client(silo.AdminKey);
        var id = (await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"))).Single(k => k.Name == "to revoke").Id;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/api-keys/{id}")).StatusCode);

        await Json.ProblemAsync(await client.GetAsync("/api/v1/templates"), HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys")), k => k.Id == id);
        // DELETE is idempotent: revoking again changes nothing and still answers 204; an id never issued is 404.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/api-keys/{id}")).StatusCode);
        await Json.ProblemAsync(await admin.DeleteAsync("/api/v1/admin/api-keys/key_never_issued"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await client.GetAsync("/api/v1/templates"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Expired_user_token_is_401_though_its_signature_is_genuine()
    {
        var a = await silo.CreateUserAsync();
        var expired = await SignAsync(a, issuedAt: DateTime.UtcNow.AddHours(-2), expires: DateTime.UtcNow.AddHours(-1), await SiloKeyAsync());
        var genuine = await SignAsync(a, issuedAt: DateTime.UtcNow, expires: DateTime.UtcNow.AddHours(1), await SiloKeyAsync());

        using var expiredClient = silo.Client(expired);
        await Json.ProblemAsync(await expiredClient.GetAsync($"/api/v1/users/{a}/notifications"), HttpStatusCode.Unauthorized);
        // The same construction with a live expiry is accepted, so the 401 above is about the expiry alone.
        using var genuineClient = silo.Client(genuine);
        Assert.Equal(HttpStatusCode.OK, (await genuineClient.GetAsync($"/api/v1/users/{a}/notifications")).StatusCode);
    }

    [Fact]
    public async Task User_token_signed_with_another_key_is_401()
    {
        var a = await silo.CreateUserAsync();
        var forged = await SignAsync(a, DateTime.UtcNow, DateTime.UtcNow.AddHours(1), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("an-attacker-chosen-key-of-32-bytes!!")));
        using var client = silo.Client(forged);
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/users/{a}/notifications"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_for_unknown_user_is_404_problem_and_out_of_range_ttl_is_400_naming_ttlSeconds()
    {
        using var client = silo.Client(silo.ManageKey);
        var unknown = SiloFixture.NewUserId("ghost");
        var problem = await Json.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/users/{unknown}/tokens", new IssueTokenRequest(null), Json.Options), HttpStatusCode.NotFound);
        Assert.Contains(unknown, problem.GetProperty("detail").GetString());

        var a = await silo.CreateUserAsync();
        await Json.ValidationProblemAsync(await client.PostAsJsonAsync($"/api/v1/users/{a}/tokens", new IssueTokenRequest(5), Json.Options), "ttlSeconds");
        await Json.ValidationProblemAsync(await client.PostAsJsonAsync($"/api/v1/users/{a}/tokens", new IssueTokenRequest(int.MaxValue), Json.Options), "ttlSeconds");
    }

    [Fact]
    public async Task Issued_token_expires_when_it_says_and_reaches_its_user()
    {
        var a = await silo.CreateUserAsync();
        using var manager = silo.Client(silo.ManageKey);
        var before = DateTimeOffset.UtcNow;
        var issued = await Json.ReadAsync<IssuedToken>(await manager.PostAsJsonAsync($"/api/v1/users/{a}/tokens", new IssueTokenRequest(120), Json.Options));
        Assert.InRange(issued.ExpiresAt, before.AddSeconds(118), DateTimeOffset.UtcNow.AddSeconds(121));
        var jwt = new JsonWebToken(issued.Token);
        Assert.Equal(a, jwt.Subject);
        Assert.Equal("HS256", jwt.Alg);
    }

    [Fact]
    public async Task Access_token_query_parameter_is_refused_outside_the_stream()
    {
        var a = await silo.CreateUserAsync();
        var token = await silo.TokenForAsync(a);
        using var client = silo.Client();
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/users/{a}/notifications?access_token={token}"), HttpStatusCode.Unauthorized);
    }

    private async Task<SecurityKey> SiloKeyAsync()
    {
        // The silo generated its key and kept it in the settings store; a second GetOrAdd returns that one.
        var settings = silo.Factory.Services.GetRequiredService<ISettingsStore>();
        var stored = await settings.GetOrAddAsync(TokenSigningKeyProvider.SettingName, "unused-candidate", CancellationToken.None);
        Assert.NotEqual("unused-candidate", stored);
        return new SymmetricSecurityKey(System.Buffers.Text.Base64Url.DecodeFromChars(stored));
    }

    private static Task<string> SignAsync(string userId, DateTime issuedAt, DateTime expires, SecurityKey key) =>
        Task.FromResult(new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "notification-silo",
            Audience = "notification-silo/user",
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        }));

    private static string BodyFor(string suffix) => suffix switch
    {
        "" => """{"displayName":"Mallory"}""",
        "/preferences" => """{"channels":{"email":false}}""",
        "/devices" => """{"kind":"android","token":"fcm-token-from-mallory"}""",
        "/notifications/bulk" => """{"action":"archive"}""",
        _ => """{"read":true}""",
    };
}
