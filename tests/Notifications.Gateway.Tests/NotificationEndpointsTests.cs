using System.Net;
using System.Net.Http.Json;
using System.Text;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

public sealed class NotificationEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Send_answers_202_with_id_and_accepted_then_the_notification_is_processed_into_the_inbox()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);

        var response = await client.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = user, Content = new InlineContent("Hello", "World") }, Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await Json.ReadAsync<SendNotificationResponse>(response);
        Assert.NotEqual(Guid.Empty, accepted.Id);
        Assert.Equal("accepted", accepted.Status);
        Assert.Equal($"/api/v1/notifications/{accepted.Id}", response.Headers.Location?.OriginalString);

        var view = await Eventually.Until(
            async () => await Json.ReadAsync<NotificationView>(await client.GetAsync($"/api/v1/notifications/{accepted.Id}")),
            v => v.Status != "accepted",
            "the notification is processed");
        Assert.Equal(user, view.UserId);
        var inbox = await silo.InboxAsync(user);
        Assert.Contains(inbox.Notifications, n => n.Id == accepted.Id && n.Title == "Hello" && n.Body == "World");
    }

    [Fact]
    public async Task Get_notification_is_allowed_to_manage_keys_and_unknown_id_is_404_problem()
    {
        var user = await silo.CreateUserAsync();
        var id = await silo.SendInAppAsync(user, "visible to manage");
        using var manager = silo.Client(silo.ManageKey);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/notifications/{id}")).StatusCode);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/notifications/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await manager.GetAsync("/api/v1/notifications/not-a-guid"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Send_with_unknown_type_is_400_naming_type_and_nothing_reaches_the_inbox()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);

        var response = await client.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = user, Type = "no-such-type" }, Json.Options);

        var problem = await Json.ValidationProblemAsync(response, "type");
        Assert.Contains("no-such-type", problem.GetProperty("detail").GetString());
        var inbox = await silo.InboxAfterMarkerAsync(user);
        Assert.Equal(["marker"], inbox.Notifications.Select(n => n.Title));
    }

    [Theory]
    [InlineData("""{"userId":"USER","content":{"title":"t","body":"b"}""", "body")]
    [InlineData("""{"userId":"USER","content":{"title":"t","body":"b"},"priority":"urgent"}""", "priority")]
    [InlineData("""{"userId":"USER","content":{"title":"t","body":"b"},"channels":["pigeon"]}""", "channels[0]")]
    [InlineData("""{"userId":"USER","content":{"title":"t","body":"b"},"data":"not an object"}""", "data")]
    public async Task Send_with_malformed_json_is_400_naming_where_and_nothing_reaches_the_inbox(string body, string field)
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);

        var response = await client.PostAsync("/api/v1/notifications", Json.Raw(body.Replace("USER", user, StringComparison.Ordinal)));

        await Json.ValidationProblemAsync(response, field);
        var inbox = await silo.InboxAfterMarkerAsync(user);
        Assert.Equal(["marker"], inbox.Notifications.Select(n => n.Title));
    }

    [Fact]
    public async Task Send_with_a_non_json_content_type_is_415_problem_saying_so()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);
        var response = await client.PostAsync("/api/v1/notifications",
            new StringContent($$$"""{"userId":"{{{user}}}","content":{"title":"t","body":"b"}}""", Encoding.UTF8, "text/plain"));
        var problem = await Json.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Send_with_an_empty_body_is_400_problem()
    {
        using var client = silo.Client(silo.SendKey);
        var response = await client.PostAsync("/api/v1/notifications", Json.Raw(""));
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Batch_answers_each_item_accepting_valid_ones_and_refusing_invalid_ones_by_field()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);
        var batch = new BatchSendRequest([
            new SendNotificationRequest { UserId = user, Content = new InlineContent("first", "b") },
            new SendNotificationRequest { UserId = user, Type = "no-such-type" },
            new SendNotificationRequest { UserId = user, Content = new InlineContent("third", "b") },
        ]);

        var response = await client.PostAsJsonAsync("/api/v1/notifications/batch", batch, Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await Json.ReadAsync<BatchSendResponse>(response);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, result.Rejected);
        Assert.Equal([0, 1, 2], result.Results.Select(r => r.Index));
        Assert.NotNull(result.Results[0].Id);
        Assert.Null(result.Results[1].Id);
        Assert.Equal("notifications[1].type", result.Results[1].Field);
        var inbox = await silo.InboxAfterMarkerAsync(user);
        // Items of one batch share their acceptance instant, so only the marker's place (newest) is fixed.
        Assert.Equal("marker", inbox.Notifications[0].Title);
        Assert.Equal(["first", "marker", "third"], inbox.Notifications.Select(n => n.Title).Order());
    }

    [Theory]
    [InlineData("""{"notifications":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"notifications":null}""")]
    public async Task Empty_or_missing_batch_is_400_naming_notifications(string body)
    {
        using var client = silo.Client(silo.SendKey);
        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/notifications/batch", Json.Raw(body)), "notifications");
    }

    [Fact]
    public async Task Batch_of_10001_is_400_naming_notifications_and_none_of_it_is_accepted()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);
        var items = Enumerable.Range(0, 10_001)
            .Select(i => new SendNotificationRequest { UserId = user, Content = new InlineContent($"bulk {i}", "b") })
            .ToList();

        var response = await client.PostAsJsonAsync("/api/v1/notifications/batch", new BatchSendRequest(items), Json.Options);

        var problem = await Json.ValidationProblemAsync(response, "notifications");
        Assert.Contains("10000", problem.GetProperty("detail").GetString());
        var inbox = await silo.InboxAfterMarkerAsync(user);
        Assert.Equal(["marker"], inbox.Notifications.Select(n => n.Title));
    }
}
