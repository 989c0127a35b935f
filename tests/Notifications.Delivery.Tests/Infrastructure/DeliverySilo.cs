extern alias silo;

using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests.Infrastructure;

/// <summary>
/// A whole silo (runtime, SQLite, gateway, every channel) in the test process, configured against the provider
/// fakes, with short retry delays. Its public base URL differs from the test server's on purpose, as behind a proxy.
/// </summary>
public sealed class DeliverySilo : IAsyncDisposable
{
    public const string BootstrapKey = TestSilo<silo::Program>.BootstrapKey;
    public const string PublicBaseUrl = "https://silo.example.test/";
    public const string TrackingSecret = "delivery-tests-tracking-secret-0123456789";

    private readonly TestSilo<silo::Program> _silo;

    private DeliverySilo(ProviderFakes fakes, Dictionary<string, string?> settings)
    {
        Fakes = fakes;
        _silo = new TestSilo<silo::Program>(settings);
    }

    public ProviderFakes Fakes { get; }

    public IServiceProvider Services => _silo.Services;

    public static async Task<DeliverySilo> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var fakes = await ProviderFakes.StartAsync();
        var settings = fakes.Settings();
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Silo:Delivery:RetryBaseDelay"] = "00:00:00.050",
            ["Silo:Delivery:RetryMaxDelay"] = "00:00:00.500",
            ["Silo:Delivery:PollInterval"] = "00:00:00.050",
            ["Auth:BootstrapKey"] = BootstrapKey,
            ["Tracking:PublicBaseUrl"] = PublicBaseUrl,
            ["Tracking:Secret"] = TrackingSecret,
        })
        {
            settings[key] = value;
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var silo = new DeliverySilo(fakes, settings);
        await silo._silo.WaitUntilReadyAsync();
        return silo;
    }

    /// <summary>A client of the silo with the bootstrap admin key (admin implies every scope).</summary>
    public HttpClient Client(string? bearer = BootstrapKey, bool followRedirects = true) => _silo.CreateClient(bearer, followRedirects);

    public async Task<string> CreateUserAsync(UserProfile profile, NotificationPreferences? preferences = null)
    {
        var userId = $"user-{Guid.NewGuid():N}";
        using var client = Client();
        (await client.PutAsJsonAsync($"/api/v1/users/{userId}", profile, NotificationJson.Options)).EnsureSuccessStatusCode();
        if (preferences is not null)
        {
            (await client.PutAsJsonAsync($"/api/v1/users/{userId}/preferences", preferences, NotificationJson.Options)).EnsureSuccessStatusCode();
        }
        return userId;
    }

    public async Task<Device> RegisterDeviceAsync(string userId, RegisterDeviceRequest device)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync($"/api/v1/users/{userId}/devices", device, NotificationJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Device>(NotificationJson.Options))!;
    }

    public async Task PutTypeAsync(NotificationTypeDefinition definition)
    {
        using var client = Client();
        var response = await client.PutAsJsonAsync($"/api/v1/templates/{definition.Type}", definition, NotificationJson.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A type that goes to the in-app inbox and to <paramref name="hook"/> on the webhook channel.</summary>
    public Task PutWebhookTypeAsync(string type, Uri hook) => PutTypeAsync(new NotificationTypeDefinition
    {
        Type = type,
        Category = "ops",
        Channels = [ChannelKind.Webhook],
        WebhookUrl = hook.AbsoluteUri,
        Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "Something happened", Body = "Details." }],
    });

    public async Task<Guid> SendAsync(SendNotificationRequest request)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/notifications", request, NotificationJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SendNotificationResponse>(NotificationJson.Options))!.Id;
    }

    public async Task<NotificationView> GetAsync(Guid id)
    {
        using var client = Client();
        var response = await client.GetAsync($"/api/v1/notifications/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NotificationView>(NotificationJson.Options))!;
    }

    /// <summary>Waits until the notification's delivery on <paramref name="channel"/> satisfies <paramref name="condition"/>.</summary>
    public async Task<DeliveryView> WaitForDeliveryAsync(Guid id, DeliveryChannel channel, Func<DeliveryView, bool> condition, string what)
    {
        var view = await Eventually.Until(
            () => GetAsync(id),
            v => v.Deliveries.Any(d => d.Channel == channel && condition(d)),
            $"{channel} delivery of {id}: {what}");
        return view.Deliveries.First(d => d.Channel == channel && condition(d));
    }

    public Task<DeliveryView> WaitForStatusAsync(Guid id, DeliveryChannel channel, DeliveryStatus status) =>
        WaitForDeliveryAsync(id, channel, d => d.Status == status, status.ToString());

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        await Fakes.DisposeAsync();
    }
}
