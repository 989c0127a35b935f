using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Delivery.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Delivery.Tests;

/// <summary>
/// The email provider goes down in the middle of a burst: its circuit opens, jobs wait and retry, nothing is lost,
/// and critical push deliveries go out meanwhile because every channel has its own workers and breaker.
/// </summary>
public sealed class ProviderOutageTests : IAsyncLifetime
{
    private const int Emails = 40;
    private const int CriticalPushes = 20;
    private DeliverySilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DeliverySilo.StartAsync(new Dictionary<string, string?>
    {
        ["Silo:Delivery:MaxAttempts"] = "60",
        ["Silo:Delivery:RetryMaxDelay"] = "00:00:00.300",
        ["Channels:Email:Resilience:MinimumThroughput"] = "4",
        ["Channels:Email:Resilience:FailureRatio"] = "0.5",
        ["Channels:Email:Resilience:SamplingDuration"] = "00:00:02",
        ["Channels:Email:Resilience:BreakDuration"] = "00:00:00.500",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Email_outage_during_a_burst_opens_the_circuit_loses_nothing_and_does_not_hold_up_critical_push()
    {
        var smtp = _silo.Fakes.Smtp;
        var readers = new List<(string UserId, string Email)>();
        for (var i = 0; i < Emails; i++)
        {
            var email = $"burst-{i}-{Guid.NewGuid():N}@example.org";
            readers.Add((await _silo.CreateUserAsync(new UserProfile { Email = email }), email));
        }
        var phones = new List<(string UserId, string Token)>();
        for (var i = 0; i < CriticalPushes; i++)
        {
            var token = FakeApnsServer.NewDeviceToken();
            var userId = await _silo.CreateUserAsync(new UserProfile());
            await _silo.RegisterDeviceAsync(userId, new RegisterDeviceRequest(DeviceKind.Ios, token, null));
            phones.Add((userId, token));
        }

        smtp.Faults.StartOutage();
        var emailIds = await SendBatchAsync(readers.Select(r => new SendNotificationRequest
        {
            UserId = r.UserId,
            Content = new InlineContent("Weekly digest", "Here is what happened."),
            Category = "news",
            Channels = [ChannelKind.Email],
        }));

        // The breaker opened: attempts are turned away locally, without reaching the provider, and re-queued.
        await Eventually.Until(() => AnyHistoryDetailAsync(emailIds, "Email circuit open"), open => open, "the email circuit opens");

        var pushIds = await SendBatchAsync(phones.Select(p => new SendNotificationRequest
        {
            UserId = p.UserId,
            Content = new InlineContent("Sign-in code", "123456"),
            Category = "security",
            Priority = Priority.Critical,
            Channels = [ChannelKind.Push],
        }));
        var tokens = phones.Select(p => p.Token).ToHashSet();
        await Eventually.Until(() => _silo.Fakes.Apns.Accepted.Count(a => tokens.Contains(a.Token)) == CriticalPushes, "every critical push reaches APNs during the email outage");
        foreach (var id in pushIds)
        {
            await _silo.WaitForStatusAsync(id, DeliveryChannel.Apns, DeliveryStatus.Sent);
        }
        Assert.True(smtp.Faults.Outage);
        Assert.Empty(smtp.Received);

        smtp.Faults.EndOutage();
        var final = await Eventually.Until(
            () => EmailStatusesAsync(emailIds),
            statuses => statuses.All(s => s is DeliveryStatus.Sent or DeliveryStatus.DeadLettered),
            "every email is sent or dead-lettered",
            TimeSpan.FromSeconds(60));

        var delivered = final.Count(s => s == DeliveryStatus.Sent);
        var deadLettered = final.Count(s => s == DeliveryStatus.DeadLettered);
        Assert.Equal(Emails, delivered + deadLettered);
        var received = smtp.Received.Where(e => readers.Any(r => e.Recipients.Contains(r.Email))).ToList();
        Assert.Equal(delivered, received.Select(e => e.Message.Headers["Message-ID"]).Distinct().Count());
        var lost = Emails - delivered - deadLettered;
        Assert.Equal(0, lost);
    }

    private async Task<List<Guid>> SendBatchAsync(IEnumerable<SendNotificationRequest> requests)
    {
        using var client = _silo.Client();
        var response = await client.PostAsJsonAsync("/api/v1/notifications/batch", new BatchSendRequest(requests.ToList()), NotificationJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<BatchSendResponse>(NotificationJson.Options);
        Assert.Equal(0, answer!.Rejected);
        return answer.Results.Select(r => r.Id!.Value).ToList();
    }

    private async Task<bool> AnyHistoryDetailAsync(IEnumerable<Guid> ids, string detail)
    {
        foreach (var id in ids)
        {
            var view = await _silo.GetAsync(id);
            if (view.Deliveries.Any(d => d.History?.Any(h => h.Detail == detail) == true))
            {
                return true;
            }
        }
        return false;
    }

    private async Task<List<DeliveryStatus?>> EmailStatusesAsync(IEnumerable<Guid> ids)
    {
        var statuses = new List<DeliveryStatus?>();
        foreach (var id in ids)
        {
            statuses.Add((await _silo.GetAsync(id)).Deliveries.FirstOrDefault(d => d.Channel == DeliveryChannel.Email)?.Status);
        }
        return statuses;
    }
}
