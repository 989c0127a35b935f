using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Testing;
using Xunit.Abstractions;

namespace NotificationSilo.CrashTests;

/// <summary>
/// Tried: the real silo under concurrent batch load is killed with SIGKILL mid-stream, then restarted on the
/// same database. Must hold: every notification the silo answered 202 for is still there after the restart
/// and is processed into its user's inbox; nothing acknowledged is lost, nothing is delivered twice.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    private const int Senders = 4;
    private const int BatchSize = 250;
    private const int AcknowledgedBeforeKill = 6_000;

    // Each user gets well over a hundred notifications here; the rate limit would rightly digest them,
    // which is not what this test is about.
    private static readonly Dictionary<string, string> Settings = new() { ["Silo:Grain:RateLimitCapacity"] = "1000000" };

    [Fact]
    public async Task Every_acknowledged_notification_survives_kill_9_and_is_processed_once()
    {
        using var directory = new TempDirectory("kill9");
        var database = directory.File("silo.db");
        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var silo = await SiloProcess.StartAsync(SiloBuild.DllPath(), database, Settings);
        try
        {
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Senders).Select(sender => SendUntilStoppedAsync(silo, sender, acknowledged, stop.Token)).ToArray();
            await Eventually.Until(() => acknowledged.Count >= AcknowledgedBeforeKill || load.Any(t => t.IsCompleted), "enough acknowledged notifications under load", TimeSpan.FromMinutes(2));
            Assert.DoesNotContain(load, t => t.IsFaulted);

            await silo.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
            output.WriteLine($"Killed the silo with {acknowledged.Count} acknowledged notifications.");
        }
        finally
        {
            await silo.DisposeAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(SiloBuild.DllPath(), database, Settings);
        using var client = restarted.CreateClient();
        var missing = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(acknowledged.Keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            var view = await Eventually.Until(async () =>
            {
                using var response = await client.GetAsync($"/api/v1/notifications/{id}", ct);
                return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<NotificationView>(NotificationJsonOptions, ct);
            }, v => v is null || v.Status != "accepted", $"notification {id} to be processed after the restart", TimeSpan.FromMinutes(2));
            if (view is null)
            {
                missing.Add(id);
            }
            else
            {
                Assert.Equal("dispatched", view.Status);
                Assert.Equal(acknowledged[id], view.UserId);
            }
        });
        Assert.True(missing.IsEmpty, $"{missing.Count} of {acknowledged.Count} acknowledged notifications were lost, e.g. {missing.FirstOrDefault()}.\n{restarted.Output}");

        // Processed once: each user's inbox holds exactly the acknowledged notifications for that user, no duplicates.
        foreach (var group in acknowledged.GroupBy(kv => kv.Value).Take(10))
        {
            var inboxIds = new List<Guid>();
            string? cursor = null;
            do
            {
                var page = await client.GetFromJsonAsync<InboxPage>($"/api/v1/users/{group.Key}/notifications?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}", NotificationJsonOptions);
                inboxIds.AddRange(page!.Notifications.Select(n => n.Id));
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            Assert.Equal(inboxIds.Count, inboxIds.Distinct().Count());
            Assert.Subset(inboxIds.ToHashSet(), group.Select(kv => kv.Key).ToHashSet());
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions NotificationJsonOptions = Notifications.NotificationJson.Options;

    private static async Task SendUntilStoppedAsync(SiloProcess silo, int sender, ConcurrentDictionary<Guid, string> acknowledged, CancellationToken stop)
    {
        using var client = silo.CreateClient();
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var items = Enumerable.Range(0, BatchSize).Select(i => new SendNotificationRequest
            {
                // Few users, many notifications each: the crash hits grains with much state in flight.
                UserId = $"user-{(sender * 7919 + round * 31 + i) % 50}",
                Content = new InlineContent("Crash test", $"sender {sender} round {round} item {i}"),
            }).ToList();
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsJsonAsync("/api/v1/notifications/batch", new BatchSendRequest(items), NotificationJsonOptions, stop);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // The silo died mid-request: this batch was never acknowledged, so it does not count.
                return;
            }
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return;
                }
                BatchSendResponse? body;
                try
                {
                    body = await response.Content.ReadFromJsonAsync<BatchSendResponse>(NotificationJsonOptions, stop);
                }
                catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
                {
                    return; // cut off while reading the answer: not acknowledged as far as the producer knows
                }
                foreach (var result in body!.Results)
                {
                    acknowledged[result.Id!.Value] = items[result.Index].UserId!;
                }
            }
        }
    }
}
