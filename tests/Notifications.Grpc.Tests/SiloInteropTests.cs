using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Client;
using Notifications.Grpc.Tests.Infrastructure;
using Notifications.Protocol.V1;
using Notifications.Gateway.Auth;
using Notifications.Testing;
using Xunit.Abstractions;

namespace Notifications.Grpc.Tests;

/// <summary>
/// The real silo executable (runtime, SQLite, real API keys and user tokens) as a child process, called over
/// gRPC by our .NET client and by the independent @grpc/grpc-js suite.
/// </summary>
public sealed class SiloInteropTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("grpc-interop");
    private SiloProcess _silo = null!;
    private InteropCredentials _credentials = null!;

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(SiloBuild.DllPath(), _directory.File("silo.db"));
        using var admin = _silo.CreateClient();
        var sendKey = await CreateKeyAsync(admin, "interop-send", Scopes.Send);
        var manageKey = await CreateKeyAsync(admin, "interop-manage", Scopes.Manage);
        var alice = await CreateUserWithTokenAsync(admin, "interop-alice");
        var bob = await CreateUserWithTokenAsync(admin, "interop-bob");
        _credentials = new InteropCredentials(sendKey, manageKey, "interop-alice", alice, bob);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Grpc_js_interoperates_with_the_real_silo()
    {
        try
        {
            await NodeInteropSuite.RunAsync(_silo.GrpcAddress, _credentials, output);
        }
        finally
        {
            output.WriteLine("--- silo output ---");
            output.WriteLine(_silo.Output);
        }
    }

    [Fact]
    public async Task The_dotnet_client_sends_and_sees_the_item_arrive_live()
    {
        using var http = NotificationGrpcClient.CreateHttpClient();
        var client = new NotificationGrpcClient(http, _silo.GrpcAddress);
        var user = GrpcCallOptions.Bearer(_credentials.UserToken);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var events = client.WatchInboxAsync(new WatchInboxRequest { UserId = _credentials.UserId }, user, cts.Token).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("unread", events.Current.Kind);

        var sent = await client.SendAsync(
            new SendRequest { UserId = _credentials.UserId, Content = new Protocol.V1.InlineContent { Title = "from .NET", Body = "hello" } },
            GrpcCallOptions.Bearer(_credentials.SendKey));
        while (await events.MoveNextAsync())
        {
            if (events.Current.Kind == "notification" && events.Current.Notification.Id == sent.Id)
            {
                break;
            }
        }

        Assert.Equal("from .NET", events.Current.Notification.Title);
        var notification = await client.GetNotificationAsync(new GetNotificationRequest { Id = sent.Id }, GrpcCallOptions.Bearer(_credentials.SendKey));
        Assert.Equal(_credentials.UserId, notification.UserId);
        await cts.CancelAsync();
    }

    private static async Task<string> CreateKeyAsync(HttpClient admin, string name, string scope)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new Notifications.Api.CreateApiKeyRequest(name, [scope]), NotificationJson.Options);
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<ApiKeyView>(NotificationJson.Options);
        return view!.Key!;
    }

    private static async Task<string> CreateUserWithTokenAsync(HttpClient admin, string userId)
    {
        using (var put = await admin.PutAsJsonAsync($"/api/v1/users/{userId}", new Model.UserProfile { DisplayName = userId }, NotificationJson.Options))
        {
            put.EnsureSuccessStatusCode();
        }

        using var response = await admin.PostAsJsonAsync($"/api/v1/users/{userId}/tokens", new IssueTokenRequest(null), NotificationJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedToken>(NotificationJson.Options))!.Token;
    }
}
