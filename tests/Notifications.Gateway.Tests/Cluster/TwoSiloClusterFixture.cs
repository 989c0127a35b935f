using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests.Cluster;

/// <summary>
/// Two whole silos (Orleans, gateway, channels) in this process forming one cluster on a private redis-server
/// (Cluster:Provider=Redis), over one SQLite file as their shared record store: a request may reach either.
/// </summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _shared = new("two-silos");
    private RedisServer? _redis;

    public TestSilo<Program> A { get; private set; } = null!;
    public TestSilo<Program> B { get; private set; } = null!;
    public string ManageKey { get; private set; } = "";
    public string AdminKey { get; private set; } = "";
    public string SendKey { get; private set; } = "";

    /// <summary>The record store both silos share.</summary>
    public string DatabasePath => _shared.File("cluster.db");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        A = new TestSilo<Program>(Settings("silo-a"));
        await A.WaitUntilReadyAsync();
        B = new TestSilo<Program>(Settings("silo-b"));
        await B.WaitUntilReadyAsync();
        AdminKey = await CreateKeyAsync("cluster admin", Auth.Scopes.Admin);
        ManageKey = await CreateKeyAsync("cluster manage", Auth.Scopes.Manage);
        SendKey = await CreateKeyAsync("cluster send", Auth.Scopes.Send);
    }

    private Dictionary<string, string?> Settings(string name) => new()
    {
        ["Cluster:Provider"] = "Redis",
        ["Cluster:Redis:ConnectionString"] = _redis!.ConnectionString,
        ["Cluster:ClusterId"] = "two-silos",
        ["Cluster:AdvertisedIPAddress"] = "127.0.0.1",
        ["Silo:SiloId"] = name,
        ["Storage:Sqlite:Path"] = DatabasePath,
        // The longest allowed: a template change must reach the other silo by its push, not by this poll.
        ["Silo:TemplateRefreshInterval"] = "00:05:00",
    };

    private async Task<string> CreateKeyAsync(string name, string scope)
    {
        using var client = A.CreateClient(TestSilo<Program>.BootstrapKey);
        var response = await client.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest(name, [scope]), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync<ApiKeyView>(response)).Key!;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _shared.Dispose();
    }
}
