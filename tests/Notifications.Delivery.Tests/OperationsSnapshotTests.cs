using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Api.Operations;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>
/// What the operations snapshot says while traffic flows: lane and channel counters move with sends, delivery latency
/// appears, and a provider that fails trips its breaker, which shows open with its errors.
/// </summary>
public sealed class OperationsSnapshotTests : IAsyncLifetime
{
    private DeliverySilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DeliverySilo.StartAsync(new Dictionary<string, string?>
    {
        ["Silo:Operations:ReportInterval"] = "00:00:00.200",
        ["Channels:Webhook:Resilience:MinimumThroughput"] = "2",
        ["Channels:Webhook:Resilience:FailureRatio"] = "0.5",
        ["Channels:Webhook:Resilience:SamplingDuration"] = "00:00:30",
        ["Channels:Webhook:Resilience:BreakDuration"] = "00:00:30",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Counters_move_with_sends_and_a_failing_provider_shows_its_open_circuit_and_errors()
    {
        using var admin = _silo.Client();
        var before = await SnapshotAsync(admin);
        var hook = _silo.Fakes.Webhook.Hook("ops");
        await _silo.PutWebhookTypeAsync("ops.event", hook);
        var userId = await _silo.CreateUserAsync(new UserProfile());

        var delivered = await _silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = "ops.event", Priority = Priority.High });
        await _silo.WaitForStatusAsync(delivered, DeliveryChannel.Webhook, DeliveryStatus.Sent);
        var moved = await Eventually.Until(() => SnapshotAsync(admin),
            s => Lane(s, Priority.High).Delivered > Lane(before, Priority.High).Delivered,
            "the delivered counter of the high lane moves");
        Assert.True(Lane(moved, Priority.High).Accepted > Lane(before, Priority.High).Accepted);
        Assert.NotNull(Lane(moved, Priority.High).LatencyP99Ms);
        Assert.Contains(moved.Channels, c => c.Channel == DeliveryChannel.Webhook && c.Lane == Priority.High && c.Delivered >= 1);
        var silo = Assert.Single(moved.Silos);
        Assert.Equal("active", silo.Status);
        Assert.True(silo.ReportsActivity);

        _silo.Fakes.Webhook.Faults.StartOutage();
        for (var i = 0; i < 3; i++)
        {
            await _silo.SendAsync(new SendNotificationRequest { UserId = userId, Type = "ops.event" });
        }
        var broken = await Eventually.Until(() => SnapshotAsync(admin),
            s => s.Providers.Any(p => p.Channel == DeliveryChannel.Webhook && p.Circuit == "open"),
            "the webhook provider's circuit shows open");
        var provider = broken.Providers.Single(p => p.Channel == DeliveryChannel.Webhook);
        Assert.True(provider.FailuresByKind["Transient"] >= 1);
        Assert.True(provider.Attempts > provider.Sent);
        Assert.Contains(provider.RecentErrors, e => e.Reason == "webhook answered 503");
        _silo.Fakes.Webhook.Faults.EndOutage();
    }

    private static async Task<OperationsSnapshot> SnapshotAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<OperationsSnapshot>("/api/v1/admin/operations", NotificationJson.Options))!;

    private static LaneActivity Lane(OperationsSnapshot snapshot, Priority lane) => snapshot.Lanes.Single(l => l.Lane == lane);
}
