using System.Net.Http.Json;
using Grpc.Core;
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

    [Fact]
    public async Task The_admin_surface_manages_keys_templates_and_dead_letters_over_grpc()
    {
        using var rest = _silo.CreateClient();
        var adminKey = await CreateKeyAsync(rest, "interop-admin", Scopes.Admin);
        using var http = NotificationGrpcClient.CreateHttpClient();
        using var client = new NotificationGrpcClient(http, _silo.GrpcAddress);
        Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

        var created = await client.Admin.CreateApiKeyAsync(new Protocol.V1.CreateApiKeyRequest { Name = "made-over-grpc", Scopes = { Scopes.Send } }, Bearer(adminKey));
        Assert.StartsWith("nsk_", created.Key);
        var listed = await client.Admin.ListApiKeysAsync(new ListApiKeysRequest(), Bearer(adminKey));
        Assert.Contains(listed.Keys, k => k.Id == created.Id && !k.HasKey);
        await client.Gateway.SendAsync(new SendRequest { UserId = "interop-alice", Content = new Protocol.V1.InlineContent { Title = "t", Body = "b" } }, Bearer(created.Key));
        await client.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = created.Id }, Bearer(adminKey));
        var revoked = await Assert.ThrowsAsync<RpcException>(() =>
            client.Gateway.SendAsync(new SendRequest { UserId = "interop-alice", Content = new Protocol.V1.InlineContent { Title = "t", Body = "b" } }, Bearer(created.Key)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, revoked.StatusCode);

        // A key created over gRPC carries its quota like one made over REST, and the gateway's quota holds it to it.
        var limited = await client.Admin.CreateApiKeyAsync(new Protocol.V1.CreateApiKeyRequest
        {
            Name = "limited-over-grpc",
            Scopes = { Scopes.Send },
            Quota = new Protocol.V1.ProducerQuota { RequestsPerSecond = 1, Burst = 2 },
        }, Bearer(adminKey));
        Assert.Equal((1, 2), (limited.Quota.RequestsPerSecond, limited.Quota.Burst));
        for (var i = 0; i < 2; i++)
        {
            await client.Gateway.SendAsync(new SendRequest { UserId = "interop-alice", Content = new Protocol.V1.InlineContent { Title = "t", Body = "b" } }, Bearer(limited.Key));
        }
        var exhausted = await Assert.ThrowsAsync<RpcException>(() =>
            client.Gateway.SendAsync(new SendRequest { UserId = "interop-alice", Content = new Protocol.V1.InlineContent { Title = "t", Body = "b" } }, Bearer(limited.Key)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, exhausted.StatusCode);
        Assert.Equal("1", exhausted.Trailers.GetValue("retry-after"));
        var badQuota = await Assert.ThrowsAsync<RpcException>(() =>
            client.Admin.CreateApiKeyAsync(new Protocol.V1.CreateApiKeyRequest { Name = "x", Scopes = { Scopes.Send }, Quota = new Protocol.V1.ProducerQuota { RequestsPerSecond = -5 } }, Bearer(adminKey)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badQuota.StatusCode);

        var badKey = await Assert.ThrowsAsync<RpcException>(() =>
            client.Admin.CreateApiKeyAsync(new Protocol.V1.CreateApiKeyRequest { Name = "x", Scopes = { "root" } }, Bearer(adminKey)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badKey.StatusCode);
        Assert.Equal("scopes[0]", badKey.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
        var notAdmin = await Assert.ThrowsAsync<RpcException>(() =>
            client.Admin.ListApiKeysAsync(new ListApiKeysRequest(), Bearer(_credentials.ManageKey)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notAdmin.StatusCode);

        var type = new NotificationType
        {
            Type = "interop-grpc-type",
            Category = "general",
            Channels = { Channel.InApp },
            Templates = { new Protocol.V1.NotificationTemplate { Channel = Channel.InApp, Title = "Hi {{name}}", Body = "Body" } },
        };
        var put = await client.Admin.PutTemplateAsync(new PutTemplateRequest { Definition = type }, Bearer(_credentials.ManageKey));
        Assert.True(put.Created);
        Assert.Equal("Hi {{name}}", (await client.Admin.GetTemplateAsync(new GetTemplateRequest { Type = type.Type }, Bearer(_credentials.ManageKey))).Templates.Single().Title);
        var broken = type.Clone();
        broken.Templates[0].Title = "{{#if}}";
        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            client.Admin.PutTemplateAsync(new PutTemplateRequest { Definition = broken }, Bearer(_credentials.ManageKey)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal("Hi {{name}}", (await client.Admin.GetTemplateAsync(new GetTemplateRequest { Type = type.Type }, Bearer(_credentials.ManageKey))).Templates.Single().Title);
        await client.Admin.DeleteTemplateAsync(new DeleteTemplateRequest { Type = type.Type }, Bearer(_credentials.ManageKey));
        var gone = await Assert.ThrowsAsync<RpcException>(() =>
            client.Admin.GetTemplateAsync(new GetTemplateRequest { Type = type.Type }, Bearer(_credentials.ManageKey)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);

        var letters = await client.Admin.ListDeadLettersAsync(new ListDeadLettersRequest { Limit = 10 }, Bearer(adminKey));
        Assert.Empty(letters.DeadLetters);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            client.Admin.ReplayDeadLetterAsync(new ReplayDeadLetterRequest { DeliveryId = 987_654 }, Bearer(adminKey)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
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
