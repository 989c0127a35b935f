using System.Net;
using System.Net.Http.Json;
using Notifications;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Testing;

namespace NotificationSilo.CrashTests.Live;

/// <summary>
/// One three-silo cluster for the "any silo serves any request" tests, with a webhook receiver that is down for good
/// (what makes dead letters) and delivery settings short enough that a dead letter takes well under a second.
/// </summary>
public sealed class LiveClusterFixture : IAsyncLifetime
{
    public const string WebhookSecret = "live-cluster-webhook-secret-0123456789";
    private SiloCluster? _cluster;

    public FakeWebhookReceiver Webhook { get; } = new(WebhookSecret);

    public IReadOnlyList<SiloProcess> Silos => _cluster!.Silos;

    public async Task InitializeAsync()
    {
        await Webhook.StartAsync();
        Webhook.Faults.StartOutage();
        _cluster = await SiloCluster.StartAsync("live", 3, new Dictionary<string, string>
        {
            ["Channels:Webhook:SigningSecret"] = WebhookSecret,
            ["Channels:Webhook:AllowInsecureHttp"] = "true",
            ["Silo:Delivery:DefaultWebhookUrl"] = Webhook.Hook("dead").AbsoluteUri,
            ["Silo:Delivery:MaxAttempts"] = "2",
            ["Silo:Delivery:RetryBaseDelay"] = "00:00:00.100",
            ["Silo:Delivery:RetryMaxDelay"] = "00:00:00.200",
            ["Silo:Delivery:PollInterval"] = "00:00:00.100",
        });
    }

    /// <summary>A user id nobody used yet, its grain activated on <paramref name="silo"/> (grains are placed where first called).</summary>
    public static async Task<string> UserOnAsync(SiloProcess silo, string prefix)
    {
        var userId = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        using var client = silo.CreateClient();
        using var response = await client.GetAsync($"/api/v1/users/{userId}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return userId;
    }

    /// <summary>Sends through <paramref name="silo"/>; the id it acknowledged.</summary>
    public static async Task<Guid> SendAsync(SiloProcess silo, SendNotificationRequest request)
    {
        using var client = silo.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/notifications", request, NotificationJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted,
            $"{silo.BaseAddress} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{Problems(silo)}");
        return (await response.Content.ReadFromJsonAsync<SendNotificationResponse>(NotificationJson.Options))!.Id;
    }

    /// <summary>The silo's recent log lines that tell why it failed a request.</summary>
    public static string Problems(SiloProcess silo) =>
        string.Join('\n', silo.Output.Split('\n').Where(line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal)).TakeLast(20));

    public static async Task<InboxPage> InboxAsync(SiloProcess silo, string userId)
    {
        using var client = silo.CreateClient();
        return (await client.GetFromJsonAsync<InboxPage>($"/api/v1/users/{userId}/notifications?limit=100", NotificationJson.Options))!;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        await Webhook.DisposeAsync();
    }
}
