using System.Net.Http.Json;
using Grpc.Core;
using Notifications.Api;
using Notifications.Client;
using Notifications.Gateway.Auth;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Grpc.Tests.Infrastructure;

/// <summary>
/// The real silo executable (Orleans, SQLite, the campaign stream) for the campaign tests of one class, with producer
/// keys of each scope made through the REST admin API and users registered through REST.
/// </summary>
public sealed class CampaignSilo : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("grpc-campaigns");
    public SiloProcess Process { get; private set; } = null!;

    public NotificationGrpcClient Client { get; private set; } = null!;

    /// <summary>The HTTP/2 client <see cref="Client"/> runs on, for raw gRPC frames.</summary>
    public HttpClient Http { get; private set; } = null!;

    public string CampaignsKey { get; private set; } = "";

    public string SendKey { get; private set; } = "";

    public string ManageKey { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Process = await SiloProcess.StartAsync(SiloBuild.DllPath(), _directory.File("silo.db"));
        using var rest = Process.CreateClient();
        CampaignsKey = await CreateKeyAsync(rest, "grpc-campaigns", Scopes.Campaigns);
        SendKey = await CreateKeyAsync(rest, "grpc-send", Scopes.Send);
        ManageKey = await CreateKeyAsync(rest, "grpc-manage", Scopes.Manage);
        AdminKey = await CreateKeyAsync(rest, "grpc-admin", Scopes.Admin);
        Http = NotificationGrpcClient.CreateHttpClient();
        Client = new NotificationGrpcClient(Http, Process.GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await Process.DisposeAsync();
        _directory.Dispose();
    }

    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    /// <summary>Registers <paramref name="count"/> users tagged <paramref name="tag"/> (the directory a segment is paged from).</summary>
    public async Task<List<string>> UsersAsync(string tag, int count, string locale = "fr-FR")
    {
        using var rest = Process.CreateClient(ManageKey);
        var users = Enumerable.Range(0, count).Select(i => $"{tag}-{i:D3}").ToList();
        foreach (var user in users)
        {
            using var response = await rest.PutAsJsonAsync(
                $"/api/v1/users/{user}", new UserProfile { Locale = locale, TimeZone = "Europe/Paris", Tags = [tag] }, NotificationJson.Options);
            response.EnsureSuccessStatusCode();
        }
        return users;
    }

    /// <summary>How many of the user's inbox items carry <paramref name="title"/>.</summary>
    public async Task<int> InboxCountAsync(string user, string title)
    {
        using var rest = Process.CreateClient(ManageKey);
        var page = await rest.GetFromJsonAsync<InboxPage>($"/api/v1/users/{user}/notifications?limit=100", NotificationJson.Options);
        return page!.Notifications.Count(n => n.Title == title);
    }

    /// <summary>A further key with scope campaigns and <paramref name="quota"/>, made through REST.</summary>
    public async Task<string> CampaignsKeyWithAsync(ProducerQuota quota)
    {
        using var rest = Process.CreateClient();
        return await CreateKeyAsync(rest, $"grpc-campaigns-{Guid.NewGuid():N}", Scopes.Campaigns, quota);
    }

    private static async Task<string> CreateKeyAsync(HttpClient admin, string name, string scope, ProducerQuota? quota = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest(name, [scope], quota), NotificationJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiKeyView>(NotificationJson.Options))!.Key!;
    }
}
