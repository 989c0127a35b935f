using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Notifications.Api;
using Notifications.Model;
using Notifications.Testing;
using OpenTelemetry.Trace;

namespace Notifications.Gateway.Tests.Infrastructure;

/// <summary>
/// A silo with tracing on and OpenTelemetry's in-memory exporter added, and the webhook channel pointed at a local
/// receiver: a provider call the test can see end to end.
/// </summary>
public sealed class TelemetrySilo : IAsyncLifetime
{
    public const string WebhookType = "telemetry.ping";

    private TestSilo<Program> _silo = null!;

    public WebhookReceiver Receiver { get; } = new();

    /// <summary>Finished spans, in the order they ended (of every silo in this process: filter by trace id).</summary>
    public LockedCollection<Activity> Spans { get; } = [];

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public string SendKey { get; private set; } = "";

    public string ManageKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _silo = new TestSilo<Program>(new Dictionary<string, string?>
        {
            ["Telemetry:Tracing"] = "true",
            ["Channels:Webhook:SigningSecret"] = "telemetry-test-webhook-secret",
            ["Channels:Webhook:AllowInsecureHttp"] = "true",
        });
        Factory = _silo.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans))));
        using var anonymous = Factory.CreateClient();
        await Eventually.Until(async () => (await anonymous.GetAsync("/readyz")).StatusCode, status => status == HttpStatusCode.OK, "the silo reports ready");
        SendKey = await CreateKeyAsync("telemetry send", Auth.Scopes.Send);
        ManageKey = await CreateKeyAsync("telemetry manage", Auth.Scopes.Manage);
        using var manage = Client(ManageKey);
        var type = await manage.PutAsJsonAsync($"/api/v1/templates/{WebhookType}", new NotificationTypeDefinition
        {
            Type = WebhookType,
            Category = "telemetry",
            Channels = [ChannelKind.Webhook],
            WebhookUrl = Receiver.Url,
            Templates = [new NotificationTemplate { Channel = ChannelKind.Webhook, Title = "Ping", Body = "Ping {{n}}" }],
        }, Json.Options);
        Assert.True(type.IsSuccessStatusCode, await type.Content.ReadAsStringAsync());
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = Factory.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public async Task<string> CreateUserAsync()
    {
        var userId = SiloFixture.NewUserId("telemetry");
        using var manage = Client(ManageKey);
        var response = await manage.PutAsJsonAsync($"/api/v1/users/{userId}", new UserProfile { DisplayName = "Telemetry" }, Json.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return userId;
    }

    public async Task<Guid> SendPingAsync(string userId, int n)
    {
        using var send = Client(SendKey);
        var response = await send.PostAsJsonAsync("/api/v1/notifications", new SendNotificationRequest
        {
            UserId = userId,
            Type = WebhookType,
            Data = new Dictionary<string, string> { ["n"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Json.ReadAsync<SendNotificationResponse>(response)).Id;
    }

    public async Task<PrometheusScrape> ScrapeAsync()
    {
        using var anonymous = Client();
        var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _silo.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    private async Task<string> CreateKeyAsync(string name, string scope)
    {
        using var bootstrap = Client(TestSilo<Program>.BootstrapKey);
        var response = await bootstrap.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest(name, [scope]), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync<ApiKeyView>(response)).Key!;
    }
}
