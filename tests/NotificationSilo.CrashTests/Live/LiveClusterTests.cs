using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications;
using Notifications.Api;
using Notifications.Model;
using Notifications.Testing;
using Xunit.Abstractions;

namespace NotificationSilo.CrashTests.Live;

/// <summary>
/// Tried: three silo processes on one Redis and one PostgreSQL; live streams (SSE and SignalR) held open on each silo
/// while other silos accept the sends; templates, API keys and dead letters changed on one silo and used on others;
/// then SIGKILL of the silo that holds a followed user's grain and a batch of pending digests. Must hold: every stream
/// receives what any silo accepted for its user, wherever the user's grain lives; a template change and a key
/// revocation answered by one silo hold on the next request to another; the dead-letter list reads the same from every
/// silo; after the kill, a stream on a survivor receives the next notification accepted by the other survivor within
/// 5 s of the death being detected, and the dead silo's digest reminders fire on the survivors.
/// </summary>
[TestCaseOrderer(ByMethodName.TypeName, ByMethodName.AssemblyName)]
public sealed class LiveClusterTests(LiveClusterFixture cluster, ITestOutputHelper output) : IClassFixture<LiveClusterFixture>
{
    private static readonly TimeSpan Arrives = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AfterDetection = TimeSpan.FromSeconds(5);
    /// <summary>Long enough that every window is still open when the victim dies.</summary>
    private const int DigestWindowSeconds = 8;

    private IReadOnlyList<SiloProcess> Silos => cluster.Silos;

    [Fact]
    public async Task A_live_stream_on_any_silo_receives_what_another_silo_accepted_wherever_the_grain_lives()
    {
        // One user per grain silo; each followed over SSE and SignalR on every silo; each sent to through every silo.
        var users = new List<string>();
        for (var g = 0; g < Silos.Count; g++)
        {
            users.Add(await LiveClusterFixture.UserOnAsync(Silos[g], $"live{g}"));
        }
        var streams = new List<(string User, LiveStream Stream)>();
        try
        {
            foreach (var silo in Silos)
            {
                foreach (var user in users)
                {
                    streams.Add((user, await SseStream.OpenAsync(silo, user)));
                    streams.Add((user, await HubStream.OpenAsync(silo, user)));
                }
            }
            var sent = new List<(string User, Guid Id, int Through)>();
            foreach (var user in users)
            {
                for (var b = 0; b < Silos.Count; b++)
                {
                    var id = await LiveClusterFixture.SendAsync(Silos[b], new SendNotificationRequest { UserId = user, Content = new InlineContent("Live", $"through silo {b}") });
                    sent.Add((user, id, b));
                }
            }
            foreach (var (user, stream) in streams)
            {
                foreach (var (_, id, through) in sent.Where(s => s.User == user))
                {
                    await stream.ArrivalOfAsync(id, Arrives);
                    output.WriteLine($"{stream.Name} got {id} (accepted by silo {through}).");
                }
                Assert.DoesNotContain(sent.Where(s => s.User != user), s => stream.Has(s.Id));
            }
        }
        finally
        {
            foreach (var (_, stream) in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task B_template_changes_key_revocations_and_dead_letters_read_the_same_from_every_silo()
    {
        using var a = Silos[0].CreateClient();
        var type = $"live.changed.{Guid.NewGuid():N}"[..24];
        async Task DefineAsync(string title) =>
            (await a.PutAsJsonAsync($"/api/v1/templates/{type}", new NotificationTypeDefinition
            {
                Type = type,
                Category = "ops",
                Channels = [ChannelKind.InApp],
                Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = title, Body = "Body." }],
            }, NotificationJson.Options)).EnsureSuccessStatusCode();

        // Templates: the grain renders on its own silo, so each user's grain is placed on a silo other than A.
        var onB = await LiveClusterFixture.UserOnAsync(Silos[1], "tplb");
        var onC = await LiveClusterFixture.UserOnAsync(Silos[2], "tplc");
        await DefineAsync("First wording");
        foreach (var (user, silo) in new[] { (onB, Silos[1]), (onC, Silos[2]) })
        {
            await AssertRenderedAsync(silo, user, type, "First wording");
        }
        await DefineAsync("Second wording");
        foreach (var (user, silo) in new[] { (onB, Silos[1]), (onC, Silos[2]) })
        {
            await AssertRenderedAsync(silo, user, type, "Second wording");
        }

        // API keys: looked up in the shared store on every request, so a revocation answered by A holds at B's next request.
        using var created = await a.PostAsJsonAsync("/api/v1/admin/api-keys", new CreateApiKeyRequest("live-cluster", ["send"]), NotificationJson.Options);
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<ApiKeyView>(NotificationJson.Options))!;
        var probe = new SendNotificationRequest { UserId = onB, Content = new InlineContent("Key", "probe") };
        foreach (var silo in Silos.Skip(1))
        {
            using var withKey = silo.CreateClient(key.Key);
            Assert.Equal(HttpStatusCode.Accepted, (await withKey.PostAsJsonAsync("/api/v1/notifications", probe, NotificationJson.Options)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/v1/admin/api-keys/{key.Id}")).StatusCode);
        foreach (var silo in Silos.Skip(1))
        {
            using var withKey = silo.CreateClient(key.Key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.PostAsJsonAsync("/api/v1/notifications", probe, NotificationJson.Options)).StatusCode);
        }

        // Dead letters: the webhook is down, two attempts are allowed; the list is the shared store's, read on every silo.
        var doomed = new List<Guid>();
        for (var s = 0; s < Silos.Count; s++)
        {
            doomed.Add(await LiveClusterFixture.SendAsync(Silos[s], new SendNotificationRequest
            {
                UserId = await LiveClusterFixture.UserOnAsync(Silos[s], "dead"),
                Content = new InlineContent("Doomed", "The webhook is down."),
                Channels = [ChannelKind.Webhook],
            }));
        }
        var lists = new List<string>();
        foreach (var silo in Silos)
        {
            using var client = silo.CreateClient();
            var page = await Eventually.Until(
                async () => (await client.GetFromJsonAsync<DeadLetterPage>("/api/v1/admin/dead-letters?limit=100", NotificationJson.Options))!,
                p => doomed.All(id => p.DeadLetters.Any(d => d.NotificationId == id)), $"every dead letter listed by {silo.BaseAddress}", Arrives);
            lists.Add(JsonSerializer.Serialize(page, NotificationJson.Options));
        }
        Assert.All(lists, list => Assert.Equal(lists[0], list));
    }

    /// <summary>Sent through <paramref name="silo"/>, where the user's grain lives: rendered there, read back from another silo.</summary>
    private async Task AssertRenderedAsync(SiloProcess silo, string userId, string type, string title)
    {
        var id = await LiveClusterFixture.SendAsync(silo, new SendNotificationRequest { UserId = userId, Type = type });
        var page = await Eventually.Until(() => LiveClusterFixture.InboxAsync(Silos[0], userId), p => p.Notifications.Any(n => n.Id == id), $"{id} in {userId}'s inbox", Arrives);
        Assert.Equal(title, page.Notifications.Single(n => n.Id == id).Title);
    }

    [Fact]
    public async Task C_after_kill_9_of_the_grains_silo_streams_on_survivors_resume_within_5_s_and_its_reminders_fire()
    {
        var (survivor, other, victim) = (Silos[0], Silos[1], Silos[2]);
        var followed = await LiveClusterFixture.UserOnAsync(victim, "moved");
        await using var sse = await SseStream.OpenAsync(survivor, followed);
        await using var hub = await HubStream.OpenAsync(survivor, followed);
        var before = await LiveClusterFixture.SendAsync(other, new SendNotificationRequest { UserId = followed, Content = new InlineContent("Before", "the kill") });
        await sse.ArrivalOfAsync(before, Arrives);
        await hub.ArrivalOfAsync(before, Arrives);

        // Digest windows opened on the victim: their flush timers are durable and, once it is dead, only a reminder can
        // fire them. Reminders are spread over the silos by a hash ring, so of this many users' about a third are the
        // victim's own (all of them missing a third silo's share by chance: (2/3)^24 < 1e-4).
        const int Digested = 24;
        var digestUsers = new List<string>();
        for (var i = 0; i < Digested; i++)
        {
            digestUsers.Add(await LiveClusterFixture.UserOnAsync(victim, "digest"));
        }
        await Parallel.ForEachAsync(digestUsers, async (user, _) =>
        {
            for (var e = 0; e < 2; e++)
            {
                await LiveClusterFixture.SendAsync(victim, new SendNotificationRequest
                {
                    UserId = user,
                    Content = new InlineContent("Digest", $"event {e}"),
                    DigestKey = "window",
                    DigestWindowSeconds = DigestWindowSeconds,
                });
            }
        });

        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        using var probe = survivor.CreateClient(null);
        await Eventually.Until(async () => await probe.GetStringAsync("/readyz"), body => body.Contains("\"activeSilos\":2", StringComparison.Ordinal), "the survivor's membership declaring the victim dead", TimeSpan.FromSeconds(30));
        var detected = clock.Elapsed;
        var detectedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"The survivor saw the victim dead {detected.TotalSeconds:F1} s after the kill.");

        // The grain comes back on a survivor; the stream must hear of the next send without reconnecting.
        var next = await Eventually.Until(async () =>
        {
            try
            {
                using var client = other.CreateClient();
                using var response = await client.PostAsJsonAsync("/api/v1/notifications", new SendNotificationRequest { UserId = followed, Content = new InlineContent("After", "the kill") }, NotificationJson.Options);
                return response.StatusCode == HttpStatusCode.Accepted ? (await response.Content.ReadFromJsonAsync<SendNotificationResponse>(NotificationJson.Options))!.Id : (Guid?)null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, id => id is not null, "a send through the other survivor accepted", TimeSpan.FromSeconds(30));
        var accepted = clock.Elapsed;
        foreach (var stream in new LiveStream[] { sse, hub })
        {
            var arrived = await stream.ArrivalOfAsync(next!.Value, Arrives);
            output.WriteLine($"{stream.Name}: accepted {accepted.TotalSeconds:F1} s, arrived {(arrived - detectedAt).TotalSeconds:F1} s after detection.");
            Assert.True(arrived - detectedAt <= AfterDetection, $"{stream.Name} got the next notification {(arrived - detectedAt).TotalSeconds:F1} s after the death was detected (at most {AfterDetection.TotalSeconds} s).");
        }

        foreach (var user in digestUsers)
        {
            var page = await Eventually.Until(() => LiveClusterFixture.InboxAsync(survivor, user), p => p.Notifications.Count > 0, $"{user}'s digest flushed on a survivor", TimeSpan.FromMinutes(1));
            Assert.Single(page.Notifications);
        }
        output.WriteLine($"All {Digested} digests flushed {clock.Elapsed.TotalSeconds:F1} s after the kill.");
    }
}
