using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>One silo (the shared <see cref="TestSilo{TProgram}"/>) per test class, with producer keys of each scope created through the API by the bootstrap key.</summary>
public class SiloFixture : IAsyncLifetime
{
    public TestSilo<Program> Factory { get; private set; } = null!;
    public string AdminKey { get; private set; } = "";
    public string ManageKey { get; private set; } = "";
    public string SendKey { get; private set; } = "";

    /// <summary>Configuration a derived fixture gives its silo.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Real sockets (Kestrel on a free port) instead of the in-memory test server, for tests about the wire itself.</summary>
    protected virtual bool UseKestrel => false;

    public virtual async Task InitializeAsync()
    {
        Factory = new TestSilo<Program>(Settings);
        if (UseKestrel)
        {
            Factory.UseKestrel(0);
        }
        using var anonymous = Factory.CreateClient();
        await Eventually.Until(
            async () => (await anonymous.GetAsync("/readyz")).StatusCode,
            status => status == HttpStatusCode.OK,
            "the silo reports ready");
        AdminKey = await CreateKeyAsync(TestSilo<Program>.BootstrapKey, "test admin", Auth.Scopes.Admin);
        ManageKey = await CreateKeyAsync(AdminKey, "test manage", Auth.Scopes.Manage);
        SendKey = await CreateKeyAsync(AdminKey, "test send", Auth.Scopes.Send);
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();

    public HttpClient Client(string? bearer = null)
    {
        var client = Factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public async Task<string> CreateKeyAsync(string adminCredential, string name, params string[] scopes)
    {
        using var client = Client(adminCredential);
        var response = await client.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest(name, scopes), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await Json.ReadAsync<ApiKeyView>(response);
        return view.Key ?? throw new InvalidOperationException("The created key's secret was not returned.");
    }

    public static string NewUserId(string hint = "user") => $"{hint}-{Guid.NewGuid():N}";

    /// <summary>Registers a user with a profile (through the manage key) and returns the id.</summary>
    public async Task<string> CreateUserAsync(string? userId = null, UserProfile? profile = null)
    {
        userId ??= NewUserId();
        using var client = Client(ManageKey);
        var response = await client.PutAsJsonAsync($"/api/v1/users/{userId}", profile ?? new UserProfile { DisplayName = "Test User", TimeZone = "Europe/Berlin" }, Json.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return userId;
    }

    public async Task<string> TokenForAsync(string userId, int? ttlSeconds = null)
    {
        using var client = Client(ManageKey);
        var response = await client.PostAsJsonAsync($"/api/v1/users/{userId}/tokens", new IssueTokenRequest(ttlSeconds), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync<IssuedToken>(response)).Token;
    }

    /// <summary>Sends an inline in-app notification through the send key and returns its id.</summary>
    public async Task<Guid> SendInAppAsync(string userId, string title)
    {
        using var client = Client(SendKey);
        var response = await client.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = userId, Content = new InlineContent(title, "body of " + title) }, Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Json.ReadAsync<SendNotificationResponse>(response)).Id;
    }

    public async Task<InboxPage> InboxAsync(string userId, string? query = null)
    {
        using var client = Client(ManageKey);
        var response = await client.GetAsync($"/api/v1/users/{userId}/notifications{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync<InboxPage>(response);
    }

    /// <summary>
    /// Sends a marker notification and waits until it is in the inbox. A user's commands are processed in
    /// order, so anything an earlier request appended for this user would be visible by then too: this is
    /// how tests show that a refused request changed nothing.
    /// </summary>
    public async Task<InboxPage> InboxAfterMarkerAsync(string userId)
    {
        var marker = await SendInAppAsync(userId, "marker");
        return await Eventually.Until(
            () => InboxAsync(userId, "?limit=100"),
            page => page.Notifications.Any(n => n.Id == marker),
            $"the marker notification reaches {userId}'s inbox");
    }
}
