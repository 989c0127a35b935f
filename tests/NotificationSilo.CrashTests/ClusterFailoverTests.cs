using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Notifications;
using Notifications.Api;
using Notifications.Channels.Fakes;
using Notifications.Model;
using Notifications.Testing;
using Xunit.Abstractions;

namespace NotificationSilo.CrashTests;

/// <summary>
/// Tried: three silo processes on one Redis (membership, reminders) and one PostgreSQL (grain state, records), each
/// taking batch sends to a webhook; one silo killed with SIGKILL under load; then PostgreSQL stopped and started again
/// under load. Must hold: every send any silo answered 202 for is stored, processed and delivered; the users of the dead
/// silo's grains answer from the survivors within 5 s; while PostgreSQL is down sends fail as 503 (nothing accepted) and
/// service comes back by itself; at most 0.1% of webhook calls are repeats, and a repeat carries the first one's key.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const string WebhookSecret = "cluster-failover-webhook-secret-0123456789";
    private const string Type = "failover.event";
    private const int Users = 300;
    private const int BatchSize = 100;
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_silo_killed_and_postgres_restarted_under_load_lose_nothing_acknowledged_and_repeat_almost_no_send()
    {
        await using var webhook = new FakeWebhookReceiver(WebhookSecret);
        await webhook.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Channels:Webhook:SigningSecret"] = WebhookSecret,
            ["Channels:Webhook:AllowInsecureHttp"] = "true",
            // Each user gets dozens of events: the rate limit would rightly digest them, which is not under test here.
            ["Silo:Grain:RateLimitCapacity"] = "1000000",
            // A job the dead silo had claimed comes back after its lease: short, so the test need not wait minutes, and
            // longer than the PostgreSQL outage, as in production (2 min), so results recorded late land before anyone
            // may claim those jobs again.
            ["Silo:Delivery:Lease"] = "00:00:15",
            ["Silo:Delivery:RetryBaseDelay"] = "00:00:00.200",
            ["Silo:Delivery:RetryMaxDelay"] = "00:00:02",
            ["Silo:Delivery:PollInterval"] = "00:00:00.200",
        };
        await using var cluster = await SiloCluster.StartAsync("failover", 3, settings, durablePostgres: true);
        var postgres = cluster.Postgres;
        var silos = cluster.Silos;
        using (var admin = silos[0].CreateClient())
        {
            (await admin.PutAsJsonAsync($"/api/v1/templates/{Type}", new NotificationTypeDefinition
            {
                Type = Type,
                Category = "ops",
                Channels = [ChannelKind.Webhook],
                WebhookUrl = webhook.Hook("failover").AbsoluteUri,
                Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = "Something happened", Body = "Details." }],
            }, NotificationJson.Options)).EnsureSuccessStatusCode();
        }

        var load = new Load();
        using var stop = new CancellationTokenSource();
        var senders = silos.SelectMany((silo, s) => Enumerable.Range(0, 2).Select(k => load.SendUntilStoppedAsync(silo, s * 2 + k, stop.Token))).ToList();

        // Phase 1: kill -9 one silo under load; the users whose grains it held must answer from the others.
        // Repeats come from the sends the killed silo had in flight, a fixed number: the volume is what makes the ratio.
        await Eventually.Until(() => load.Acknowledged.Count >= 5_000 || senders.Any(t => t.IsCompleted), "5,000 acknowledged sends under load", TimeSpan.FromMinutes(3));
        Assert.DoesNotContain(senders, t => t.IsCompleted);
        var dead = silos[2];
        await dead.KillAsync();
        var killedAt = Stopwatch.StartNew();
        var killedAtClock = DateTimeOffset.UtcNow;
        output.WriteLine($"Killed {dead.BaseAddress} with {load.Acknowledged.Count} acknowledged.");
        using var survivor = silos[0].CreateClient();
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (user, ct) =>
            await Eventually.Until(async () =>
            {
                try
                {
                    using var response = await survivor.GetAsync($"/api/v1/users/user-{user}", ct);
                    return (int)response.StatusCode < 500;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, answered => answered, $"user-{user} answering from a survivor", TimeSpan.FromMinutes(1)));
        var answeredAfter = killedAt.Elapsed;
        output.WriteLine($"Every user answered from the survivors {answeredAfter.TotalSeconds:F1} s after the kill.");
        var beforeRestart = load.Acknowledged.Count;
        await Eventually.Until(() => load.Acknowledged.Count >= beforeRestart + 4_000, "4,000 more acknowledged on the survivors", TimeSpan.FromMinutes(3));

        // Phase 2: PostgreSQL goes away under load and comes back; sends in between fail cleanly.
        var stoppedAt = DateTimeOffset.UtcNow;
        await postgres.StopAsync();
        load.CountStatusesFrom(DateTimeOffset.UtcNow);
        await Eventually.Until(() => load.RefusedWhileDown >= 10, "sends refused while PostgreSQL is down", TimeSpan.FromMinutes(1));
        await postgres.StartAgainAsync();
        var startedAt = DateTimeOffset.UtcNow;
        var afterRestart = load.Acknowledged.Count;
        await Eventually.Until(() => load.Acknowledged.Count >= afterRestart + 4_000, "4,000 sends acknowledged again after PostgreSQL came back", TimeSpan.FromMinutes(3));
        output.WriteLine($"While PostgreSQL was down: {string.Join(", ", load.StatusesWhileCounting.Select(kv => $"{kv.Key}×{kv.Value}"))}.");
        Assert.True(load.Unclean.IsEmpty, $"Sends answered other than 202 or 503 around the PostgreSQL restart: {string.Join(" | ", load.Unclean.Take(3))}\n"
            + string.Join("\n", silos.Take(2).SelectMany(silo => silo.Output.Split('\n')).Where(line => line.Contains("Exception", StringComparison.Ordinal)).Take(12)));

        await stop.CancelAsync();
        await Task.WhenAll(senders);
        var acknowledged = load.Acknowledged;
        output.WriteLine($"{acknowledged.Count} acknowledged in all.");

        // Nothing acknowledged lost: every one is stored and processed, and reaches the webhook.
        var missing = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(acknowledged.Keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var view = await Eventually.Until(async () =>
            {
                using var response = await survivor.GetAsync($"/api/v1/notifications/{id}", ct);
                return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<NotificationView>(NotificationJson.Options, ct);
            }, v => v is null || v.Status != "accepted", $"notification {id} processed", TimeSpan.FromMinutes(2));
            if (view is null)
            {
                missing.Add(id);
            }
        });
        Assert.True(missing.IsEmpty, $"{missing.Count} of {acknowledged.Count} acknowledged notifications were lost, e.g. {missing.FirstOrDefault()}.");
        await Eventually.Until(() => Task.FromResult(webhook.Accepted.Select(a => a.GetProperty("notificationId").GetGuid()).ToHashSet()),
            delivered => acknowledged.Keys.All(delivered.Contains), "every acknowledged notification at the webhook", TimeSpan.FromMinutes(3));

        // Repeats: at most 0.1% of the calls, each with the same idempotency key as the first call for its notification.
        var calls = webhook.Accepted.Select(a => (Notification: a.GetProperty("notificationId").GetGuid(), Key: a.GetProperty("id").GetString())).ToList();
        var repeats = calls.Count - calls.Select(c => c.Notification).Distinct().Count();
        output.WriteLine($"{calls.Count} webhook calls for {acknowledged.Count} notifications: {repeats} repeats.");
        output.WriteLine($"Killed at {killedAtClock:HH:mm:ss.fff}, PostgreSQL stopped at {stoppedAt:HH:mm:ss.fff}, started at {startedAt:HH:mm:ss.fff}; repeated calls sent at:");
        foreach (var repeated in webhook.Accepted.GroupBy(a => a.GetProperty("notificationId").GetGuid()).Where(g => g.Count() > 1).Take(20))
        {
            output.WriteLine($"  {repeated.Key}: {string.Join(", ", repeated.Select(a => a.GetProperty("sentAt").GetDateTimeOffset().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}");
        }
        Assert.All(calls.GroupBy(c => c.Notification), group => Assert.Single(group.Select(c => c.Key).Distinct()));
        Assert.True(repeats <= acknowledged.Count / 1000, $"{repeats} repeated webhook calls for {acknowledged.Count} notifications (at most 0.1%).");
        Assert.True(answeredAfter <= AnswerWithin, $"The users answered only {answeredAfter.TotalSeconds:F1} s after the kill (at most {AnswerWithin.TotalSeconds} s).");
    }

    /// <summary>Batch senders bound to one silo each; a sender whose silo died stops, the others keep going.</summary>
    private sealed class Load
    {
        private readonly ConcurrentDictionary<int, int> _statuses = new();
        private DateTimeOffset? _countFrom;

        public ConcurrentDictionary<Guid, string> Acknowledged { get; } = new();

        /// <summary>What an answer other than 202 or 503 around the PostgreSQL restart said.</summary>
        public ConcurrentQueue<string> Unclean { get; } = new();

        public IReadOnlyDictionary<int, int> StatusesWhileCounting => _statuses;

        public int RefusedWhileDown => _statuses.GetValueOrDefault(503);

        public void CountStatusesFrom(DateTimeOffset from) => _countFrom = from;

        public async Task SendUntilStoppedAsync(SiloProcess silo, int sender, CancellationToken stop)
        {
            using var client = silo.CreateClient();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var items = Enumerable.Range(0, BatchSize).Select(i => new SendNotificationRequest
                {
                    UserId = $"user-{(sender * 7919 + round * 31 + i) % Users}",
                    Type = Type,
                    Data = new Dictionary<string, string> { ["sender"] = $"{sender}", ["round"] = $"{round}" },
                }).ToList();
                HttpResponseMessage response;
                try
                {
                    response = await client.PostAsJsonAsync("/api/v1/notifications/batch", new BatchSendRequest(items), NotificationJson.Options, stop);
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
                {
                    // Its silo died mid-request (or the test stopped): never acknowledged, so it does not count.
                    return;
                }
                using (response)
                {
                    if (_countFrom is not null)
                    {
                        _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable))
                        {
                            Unclean.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                        }
                    }
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        continue;
                    }
                    BatchSendResponse? body;
                    try
                    {
                        body = await response.Content.ReadFromJsonAsync<BatchSendResponse>(NotificationJson.Options, stop);
                    }
                    catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return;
                    }
                    foreach (var result in body!.Results.Where(r => r.Id is not null))
                    {
                        Acknowledged[result.Id!.Value] = items[result.Index].UserId!;
                    }
                }
            }
        }
    }
}
