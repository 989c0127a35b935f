using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications.Api;
using Notifications.Delivery;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

/// <summary>The routes of the embeddable inbox (issue 13): tags, actions, seen, archive, snooze, bulk, counts, stream catch-up.</summary>
public sealed class EmbeddableInboxTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static string Inbox(string user, string rest = "") => $"/api/v1/users/{user}/notifications{rest}";

    private async Task<Guid> SendAsync(string user, string title, string[]? tags = null, InboxAction[]? actions = null, string? category = null)
    {
        using var client = silo.Client(silo.SendKey);
        var response = await client.PostAsJsonAsync("/api/v1/notifications", new SendNotificationRequest
        {
            UserId = user,
            Content = new InlineContent(title, "body of " + title),
            Category = category,
            Tags = tags,
            Actions = actions,
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await Json.ReadAsync<SendNotificationResponse>(response)).Id;
        await Eventually.Until(() => silo.InboxAsync(user, "?state=all&limit=100"), p => p.Notifications.Any(n => n.Id == id), $"'{title}' in the inbox");
        return id;
    }

    private static async Task<InboxPage> PageAsync(HttpClient client, string url) => await Json.ReadAsync<InboxPage>(await client.GetAsync(url));

    [Fact]
    public async Task Tags_and_actions_are_stored_with_the_item_and_list_filters_by_tag_category_and_state()
    {
        var user = await silo.CreateUserAsync();
        var tagged = await SendAsync(user, "tagged", ["billing", "team:core"], [new InboxAction("pay", "Pay now", "https://example.com/pay"), new InboxAction("later", "Later", null)], "invoices");
        var plain = await SendAsync(user, "plain");
        using var own = silo.Client(await silo.TokenForAsync(user));

        var all = await PageAsync(own, Inbox(user));
        var item = all.Notifications.Single(n => n.Id == tagged);
        Assert.Equal(["billing", "team:core"], item.Tags);
        Assert.Equal([new InboxAction("pay", "Pay now", "https://example.com/pay"), new InboxAction("later", "Later", null)], item.Actions);
        Assert.Empty(all.Notifications.Single(n => n.Id == plain).Tags);
        Assert.Empty(all.Notifications.Single(n => n.Id == plain).Actions);
        Assert.Equal((2, 2), (all.UnreadCount, all.UnseenCount));

        var json = JsonDocument.Parse(await own.GetStringAsync(Inbox(user))).RootElement;
        var first = json.GetProperty("notifications")[0];
        // Null instants are left out, as readAt always was (the API's JSON convention); the lists are always there.
        Assert.Equal(JsonValueKind.Array, first.GetProperty("tags").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("actions").ValueKind);
        Assert.False(first.TryGetProperty("seenAt", out _));
        var later = json.GetProperty("notifications").EnumerateArray().Single(n => n.GetProperty("id").GetGuid() == tagged).GetProperty("actions")[1];
        Assert.Equal(JsonValueKind.Null, later.GetProperty("url").ValueKind);
        Assert.True(json.TryGetProperty("unseenCount", out _));

        Assert.Equal([tagged], (await PageAsync(own, Inbox(user, "?tag=billing"))).Notifications.Select(n => n.Id));
        Assert.Equal([tagged], (await PageAsync(own, Inbox(user, "?category=invoices"))).Notifications.Select(n => n.Id));
        Assert.Empty((await PageAsync(own, Inbox(user, "?tag=nothing"))).Notifications);
        Assert.Equal([plain, tagged], (await PageAsync(own, Inbox(user, "?state=unread"))).Notifications.Select(n => n.Id));
        Assert.Empty((await PageAsync(own, Inbox(user, "?state=archived"))).Notifications);
    }

    [Theory]
    [InlineData("?state=old", "state")]
    [InlineData("?tag=UPPER", "tag")]
    public async Task Bad_list_filter_is_400_naming_it(string query, string field)
    {
        var user = await silo.CreateUserAsync();
        using var own = silo.Client(await silo.TokenForAsync(user));
        await Json.ValidationProblemAsync(await own.GetAsync(Inbox(user, query)), field);
    }

    [Theory]
    [InlineData("""{"tags":["a","b","c","d","e","f","g","h","i","j","k"]}""", "tags")]
    [InlineData("""{"tags":["Not Allowed"]}""", "tags")]
    [InlineData("""{"actions":[{"id":"a","label":"A"},{"id":"b","label":"B"},{"id":"c","label":"C"}]}""", "actions")]
    [InlineData("""{"actions":[{"id":"a","label":"A"},{"id":"a","label":"B"}]}""", "actions[1].id")]
    [InlineData("""{"actions":[{"id":"bad id","label":"A"}]}""", "actions[0].id")]
    [InlineData("""{"actions":[{"id":"a","label":""}]}""", "actions[0].label")]
    [InlineData("""{"actions":[{"id":"a","label":"A","url":"ftp://example.com"}]}""", "actions[0].url")]
    [InlineData("""{"actions":[{"id":"a","label":"A","url":"/relative"}]}""", "actions[0].url")]
    public async Task Bad_tags_or_actions_are_400_naming_the_field_and_nothing_is_sent(string extra, string field)
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);
        var body = extra.Insert(1, $"\"userId\":\"{user}\",\"content\":{{\"title\":\"t\",\"body\":\"b\"}},");
        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/notifications", Json.Raw(body)), field);
        var page = await silo.InboxAfterMarkerAsync(user);
        Assert.Equal(["marker"], page.Notifications.Select(n => n.Title));
    }

    [Fact]
    public async Task Seen_marks_active_unseen_items_and_counts_follow()
    {
        var user = await silo.CreateUserAsync();
        await SendAsync(user, "one");
        await SendAsync(user, "two");
        using var own = silo.Client(await silo.TokenForAsync(user));
        Assert.Equal(new InboxCounts(2, 2), await Json.ReadAsync<InboxCounts>(await own.GetAsync(Inbox(user, "/counts"))));

        var seen = await own.PostAsync(Inbox(user, "/seen"), null);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync<MarkAllReadResponse>(seen)).Updated);

        Assert.Equal(new InboxCounts(2, 0), await Json.ReadAsync<InboxCounts>(await own.GetAsync(Inbox(user, "/counts"))));
        Assert.All((await PageAsync(own, Inbox(user))).Notifications, n => Assert.NotNull(n.SeenAt));
        Assert.Equal(0, (await Json.ReadAsync<MarkAllReadResponse>(await own.PostAsync(Inbox(user, "/seen"), null))).Updated);
    }

    [Fact]
    public async Task Archive_hides_an_item_from_the_active_feed_and_its_counts_and_unarchive_brings_it_back()
    {
        var user = await silo.CreateUserAsync();
        var id = await SendAsync(user, "archive me");
        await SendAsync(user, "stay");
        using var own = silo.Client(await silo.TokenForAsync(user));

        Assert.Equal(HttpStatusCode.NoContent, (await own.PatchAsync(Inbox(user, $"/{id}"), Json.Raw("""{"archived":true,"read":true}"""))).StatusCode);

        var active = await PageAsync(own, Inbox(user));
        Assert.DoesNotContain(active.Notifications, n => n.Id == id);
        Assert.Equal((1, 1), (active.UnreadCount, active.UnseenCount));
        var archived = (await PageAsync(own, Inbox(user, "?state=archived"))).Notifications.Single();
        Assert.Equal(id, archived.Id);
        Assert.NotNull(archived.ArchivedAt);
        Assert.NotNull(archived.ReadAt);

        Assert.Equal(HttpStatusCode.NoContent, (await own.PatchAsync(Inbox(user, $"/{id}"), Json.Raw("""{"archived":false}"""))).StatusCode);
        Assert.Contains((await PageAsync(own, Inbox(user))).Notifications, n => n.Id == id && n.ArchivedAt is null);
    }

    [Fact]
    public async Task Patch_validation_errors_are_400_naming_the_field_and_change_nothing()
    {
        var user = await silo.CreateUserAsync();
        var id = await SendAsync(user, "keep");
        using var own = silo.Client(await silo.TokenForAsync(user));
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var tooFar = DateTimeOffset.UtcNow.AddDays(31).ToString("O");

        await Json.ValidationProblemAsync(await own.PatchAsync(Inbox(user, $"/{id}"), Json.Raw($$"""{"snoozedUntil":"{{past}}","archived":true}""")), "snoozedUntil");
        await Json.ValidationProblemAsync(await own.PatchAsync(Inbox(user, $"/{id}"), Json.Raw($$"""{"snoozedUntil":"{{tooFar}}"}""")), "snoozedUntil");
        await Json.ValidationProblemAsync(await own.PatchAsync(Inbox(user, $"/{id}"), Json.Raw("{}")), "read");
        await Json.ValidationProblemAsync(await own.PatchAsync(Inbox(user, $"/{id}"), Json.Raw("""{"archived":"yes"}""")), "archived");
        await Json.ProblemAsync(await own.PatchAsync(Inbox(user, $"/{Guid.NewGuid()}"), Json.Raw("""{"archived":true}""")), HttpStatusCode.NotFound);

        var item = (await PageAsync(own, Inbox(user, "?state=all"))).Notifications.Single();
        Assert.Equal((id, (DateTimeOffset?)null, (DateTimeOffset?)null), (item.Id, item.ArchivedAt, item.SnoozedUntil));
    }

    [Fact]
    public async Task A_snoozed_item_leaves_the_active_feed_and_comes_back_live_when_the_snooze_ends()
    {
        var user = await silo.CreateUserAsync();
        var id = await SendAsync(user, "later");
        var token = await silo.TokenForAsync(user);
        using var own = silo.Client(token);
        using var streamClient = silo.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, Inbox(user, $"/stream?access_token={token}"));
        using var response = await streamClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("unread", (await events.NextAsync()).Event);

        // The harness runs on the real clock: a short snooze, and the test waits on the item, never on a sleep.
        var until = DateTimeOffset.UtcNow.AddSeconds(2);
        Assert.Equal(HttpStatusCode.NoContent, (await own.PatchAsJsonAsync(Inbox(user, $"/{id}"), new { snoozedUntil = until }, Json.Options)).StatusCode);
        var updated = JsonSerializer.Deserialize<RealtimeEvent>((await events.NextMatchingAsync(e => e.Event == "updated")).Data, Json.Options)!;
        Assert.Equal(id, updated.Notification!.Id);
        Assert.NotNull(updated.Notification.SnoozedUntil);
        Assert.Equal(0, updated.UnreadCount);
        var now = await PageAsync(own, Inbox(user));
        if (DateTimeOffset.UtcNow < until)
        {
            Assert.DoesNotContain(now.Notifications, n => n.Id == id);
            Assert.Contains((await PageAsync(own, Inbox(user, "?state=snoozed"))).Notifications, n => n.Id == id);
        }

        var back = await events.NextMatchingAsync(e => e.Event == "notification");
        var returned = JsonSerializer.Deserialize<RealtimeEvent>(back.Data, Json.Options)!;
        Assert.Equal(id, returned.Notification!.Id);
        Assert.Equal(1, returned.UnreadCount);
        Assert.NotNull(events.LastId);
        Assert.True(DateTimeOffset.UtcNow >= until);
        Assert.Contains((await PageAsync(own, Inbox(user))).Notifications, n => n.Id == id && n.SnoozedUntil is null);
    }

    [Fact]
    public async Task Bulk_archives_and_reads_by_filter_and_refuses_a_bad_action_changing_nothing()
    {
        var user = await silo.CreateUserAsync();
        var a = await SendAsync(user, "a", ["promo"]);
        var b = await SendAsync(user, "b", ["promo"]);
        await SendAsync(user, "c");
        using var own = silo.Client(await silo.TokenForAsync(user));

        await Json.ValidationProblemAsync(await own.PostAsync(Inbox(user, "/bulk"), Json.Raw("""{"action":"delete"}""")), "action");
        await Json.ValidationProblemAsync(await own.PostAsync(Inbox(user, "/bulk"), Json.Raw("""{"action":"read","filter":{"state":"nope"}}""")), "filter.state");
        Assert.Equal(3, (await PageAsync(own, Inbox(user))).UnreadCount);

        var archived = await own.PostAsync(Inbox(user, "/bulk"), Json.Raw("""{"action":"archive","filter":{"tag":"promo"}}"""));
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(2, (await Json.ReadAsync<MarkAllReadResponse>(archived)).Updated);
        Assert.Equal(["c"], (await PageAsync(own, Inbox(user))).Notifications.Select(n => n.Title));

        Assert.Equal(2, (await Json.ReadAsync<MarkAllReadResponse>(await own.PostAsync(Inbox(user, "/bulk"), Json.Raw("""{"action":"read","filter":{"state":"archived"}}""")))).Updated);
        Assert.Equal(1, (await PageAsync(own, Inbox(user))).UnreadCount);
        Assert.Equal(2, (await Json.ReadAsync<MarkAllReadResponse>(await own.PostAsync(Inbox(user, "/bulk"), Json.Raw("""{"action":"unarchive","filter":{"state":"archived"}}""")))).Updated);
        var all = await PageAsync(own, Inbox(user));
        Assert.Equal(3, all.Notifications.Count);
        Assert.All(all.Notifications.Where(n => n.Id == a || n.Id == b), n => Assert.NotNull(n.ReadAt));
    }

    [Fact]
    public async Task Running_an_action_answers_its_url_and_records_the_in_app_delivery_as_clicked()
    {
        var user = await silo.CreateUserAsync();
        var id = await SendAsync(user, "act", actions: [new InboxAction("open", "Open", "https://example.com/o"), new InboxAction("dismiss", "Dismiss", null)]);
        using var own = silo.Client(await silo.TokenForAsync(user));

        await Json.ProblemAsync(await own.PostAsync(Inbox(user, $"/{id}/actions/missing"), null), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await own.PostAsync(Inbox(user, $"/{Guid.NewGuid()}/actions/open"), null), HttpStatusCode.NotFound);

        var response = await own.PostAsync(Inbox(user, $"/{id}/actions/open"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new InboxActionResult("https://example.com/o"), await Json.ReadAsync<InboxActionResult>(response));
        var dismissed = await own.PostAsync(Inbox(user, $"/{id}/actions/dismiss"), null);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await dismissed.Content.ReadAsStringAsync()).RootElement.GetProperty("url").ValueKind);

        using var manager = silo.Client(silo.ManageKey);
        var view = await Json.ReadAsync<NotificationView>(await manager.GetAsync($"/api/v1/notifications/{id}"));
        var inApp = view.Deliveries.Single(d => d.Channel == DeliveryChannel.InApp);
        Assert.Equal(DeliveryStatus.Clicked, inApp.Status);
        // The first click is the delivery's click.
        Assert.Equal("open", inApp.History!.Single(h => h.Status == DeliveryStatus.Clicked).Detail);
    }

    [Fact]
    public async Task Stream_sends_updated_events_with_counts_and_ids_and_catches_up_from_last_event_id()
    {
        var user = await silo.CreateUserAsync();
        var token = await silo.TokenForAsync(user);
        using var own = silo.Client(token);
        var first = await SendAsync(user, "first");

        using var client = silo.Client();
        string cursor;
        using (var response = await client.GetAsync(Inbox(user, $"/stream?access_token={token}"), HttpCompletionOption.ResponseHeadersRead))
        using (var events = new SseReader(await response.Content.ReadAsStreamAsync()))
        {
            var counts = JsonDocument.Parse((await events.NextAsync()).Data).RootElement;
            Assert.Equal((1, 1), (counts.GetProperty("unreadCount").GetInt32(), counts.GetProperty("unseenCount").GetInt32()));

            var second = await SendAsync(user, "second");
            var arrived = await events.NextMatchingAsync(e => e.Event == "notification");
            Assert.Equal(second, JsonSerializer.Deserialize<RealtimeEvent>(arrived.Data, Json.Options)!.Notification!.Id);
            cursor = events.LastId ?? throw new InvalidOperationException("a notification event carries an id");

            Assert.Equal(HttpStatusCode.NoContent, (await own.PatchAsync(Inbox(user, $"/{first}"), Json.Raw("""{"read":true}"""))).StatusCode);
            var updated = JsonSerializer.Deserialize<RealtimeEvent>((await events.NextMatchingAsync(e => e.Event == "updated")).Data, Json.Options)!;
            Assert.Equal((first, 1, 2), (updated.Notification!.Id, updated.UnreadCount, updated.UnseenCount));
            Assert.NotNull(updated.Notification.ReadAt);
        }

        // Missed while away: two items, in order, before anything live; the one before the cursor is not repeated.
        var third = await SendAsync(user, "third");
        var fourth = await SendAsync(user, "fourth");
        using var resume = new HttpRequestMessage(HttpMethod.Get, Inbox(user, $"/stream?access_token={token}"));
        resume.Headers.Add("Last-Event-ID", cursor);
        using var resumed = await client.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        using var again = new SseReader(await resumed.Content.ReadAsStreamAsync());
        Assert.Equal("unread", (await again.NextAsync()).Event);
        var caughtUp = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var next = await again.NextAsync();
            Assert.Equal("notification", next.Event);
            caughtUp.Add(JsonSerializer.Deserialize<RealtimeEvent>(next.Data, Json.Options)!.Notification!.Id);
        }
        Assert.Equal([third, fourth], caughtUp);
        var live = await SendAsync(user, "live");
        Assert.Equal(live, JsonSerializer.Deserialize<RealtimeEvent>((await again.NextMatchingAsync(e => e.Event == "notification")).Data, Json.Options)!.Notification!.Id);

        // The query form, for EventSource polyfills that cannot set headers; a made-up id is refused.
        using var byQuery = await client.GetAsync(Inbox(user, $"/stream?access_token={token}&lastEventId={Uri.EscapeDataString(cursor)}"), HttpCompletionOption.ResponseHeadersRead);
        using var third2 = new SseReader(await byQuery.Content.ReadAsStreamAsync());
        Assert.Equal("unread", (await third2.NextAsync()).Event);
        Assert.Equal(third, JsonSerializer.Deserialize<RealtimeEvent>((await third2.NextAsync()).Data, Json.Options)!.Notification!.Id);
        await Json.ValidationProblemAsync(await client.GetAsync(Inbox(user, $"/stream?access_token={token}&lastEventId=garbage"), HttpCompletionOption.ResponseHeadersRead), "lastEventId");
    }

    [Fact]
    public async Task Another_users_token_gets_403_on_the_new_routes_and_changes_nothing()
    {
        var victim = await silo.CreateUserAsync();
        var id = await SendAsync(victim, "private", actions: [new InboxAction("open", "Open", null)]);
        var other = await silo.CreateUserAsync();
        using var intruder = silo.Client(await silo.TokenForAsync(other));

        await Json.ProblemAsync(await intruder.GetAsync(Inbox(victim, "/counts")), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await intruder.GetAsync(Inbox(victim, "?state=all")), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await intruder.PostAsync(Inbox(victim, "/seen"), null), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await intruder.PatchAsync(Inbox(victim, $"/{id}"), Json.Raw("""{"archived":true}""")), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await intruder.PostAsync(Inbox(victim, "/bulk"), Json.Raw("""{"action":"read"}""")), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await intruder.PostAsync(Inbox(victim, $"/{id}/actions/open"), null), HttpStatusCode.Forbidden);

        var item = (await silo.InboxAsync(victim, "?state=all")).Notifications.Single();
        Assert.Null(item.ReadAt);
        Assert.Null(item.SeenAt);
        Assert.Null(item.ArchivedAt);
        using var manager = silo.Client(silo.ManageKey);
        var view = await Json.ReadAsync<NotificationView>(await manager.GetAsync($"/api/v1/notifications/{id}"));
        Assert.Equal(DeliveryStatus.Delivered, view.Deliveries.Single(d => d.Channel == DeliveryChannel.InApp).Status);
    }
}
