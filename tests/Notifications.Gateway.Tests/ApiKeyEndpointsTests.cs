using Notifications.Testing;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests;

public sealed class ApiKeyEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Create_shows_the_secret_once_and_the_key_works_for_exactly_its_scopes()
    {
        using var admin = silo.Client(silo.AdminKey);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("  billing service  ", [Scopes.Send, Scopes.Send]), Json.Options);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json.ReadAsync<ApiKeyView>(response);
        Assert.Equal("billing service", created.Name);
        Assert.Equal([Scopes.Send], created.Scopes);
        Assert.StartsWith("nsk_", created.Key);
        Assert.Equal(32, Base64Url.DecodeFromChars(created.Key.AsSpan("nsk_".Length)).Length);
        Assert.Equal($"/api/v1/admin/api-keys/{created.Id}", response.Headers.Location?.OriginalString);

        var listed = (await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"))).Single(k => k.Id == created.Id);
        Assert.Null(listed.Key);
        Assert.DoesNotContain(created.Key!, await (await admin.GetAsync("/api/v1/admin/api-keys")).Content.ReadAsStringAsync());

        using var billing = silo.Client(created.Key);
        var user = await silo.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await billing.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = user, Content = new InlineContent("t", "b") }, Json.Options)).StatusCode);
        await Json.ProblemAsync(await billing.GetAsync("/api/v1/templates"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"scopes":["send"]}""", "name")]
    [InlineData("""{"name":"   ","scopes":["send"]}""", "name")]
    [InlineData("""{"name":"x"}""", "scopes")]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["send","root"]}""", "scopes[1]")]
    public async Task Create_with_bad_name_or_scopes_is_400_naming_it_and_creates_no_key(string body, string field)
    {
        using var admin = silo.Client(silo.AdminKey);
        var before = await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"));

        await Json.ValidationProblemAsync(await admin.PostAsync("/api/v1/admin/api-keys", Json.Raw(body)), field);

        var after = await Json.ReadAsync<List<ApiKeyView>>(await admin.GetAsync("/api/v1/admin/api-keys"));
        Assert.Equal(before.Select(k => k.Id).Order(), after.Select(k => k.Id).Order());
    }

    [Fact]
    public async Task Bootstrap_key_acts_as_admin_but_is_never_stored_or_listed()
    {
        using var bootstrap = silo.Client(TestSilo<Program>.BootstrapKey);
        var listed = await Json.ReadAsync<List<ApiKeyView>>(await bootstrap.GetAsync("/api/v1/admin/api-keys"));
        Assert.DoesNotContain(listed, k => k.Id == "bootstrap");
        Assert.Contains(listed, k => k.Name == "test admin");
    }

    [Fact]
    public async Task Admin_scope_implies_send_and_manage()
    {
        using var admin = silo.Client(silo.AdminKey);
        var user = await silo.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/users/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = user, Content = new InlineContent("t", "b") }, Json.Options)).StatusCode);
    }
}
