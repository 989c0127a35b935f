using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

/// <summary>/api/v1/campaigns and /api/v1/segments over HTTP: the README's walkthrough, the scope, and hostile input.</summary>
public sealed class CampaignEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private async Task<HttpClient> CampaignClientAsync() => silo.Client(await silo.CreateKeyAsync(silo.AdminKey, "campaigns", Auth.Scopes.Campaigns));

    private async Task<List<string>> UsersAsync(string tag, int count, string locale = "fr-FR")
    {
        var users = new List<string>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await silo.CreateUserAsync(profile: new UserProfile { Locale = locale, TimeZone = "Europe/Paris", Tags = [tag] }));
        }
        return users;
    }

    private static string Body(string tag, string extra = "") => $$"""
        {"name": "spring {{tag}}", "segment": {"tags": {"all": ["{{tag}}"]}, "locales": ["fr"]},
         "content": {"title": "Spring sale", "body": "20% off"}, "channels": ["inApp"], "ratePerSecond": 1000{{extra}}}
        """;

    [Fact]
    public async Task Create_start_and_watch_a_campaign_reach_its_segment()
    {
        var tag = $"trial-{Guid.NewGuid():N}";
        var french = await UsersAsync(tag, 6);
        await UsersAsync(tag, 2, locale: "de-DE");
        using var client = await CampaignClientAsync();

        var preview = await Json.ReadAsync<SegmentPreview>(await client.PostAsync("/api/v1/segments/preview", Json.Raw($$$"""{"segment": {"tags": {"all": ["{{{tag}}}"]}, "locales": ["fr"]}}""")));
        Assert.Equal(6, preview.Count);

        var response = await client.PostAsync("/api/v1/campaigns", Json.Raw(Body(tag)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json.ReadAsync<CampaignCreated>(response);
        Assert.Equal("draft", created.Status);
        Assert.Equal($"/api/v1/campaigns/{created.Id}", response.Headers.Location?.OriginalString);

        var started = await Json.ReadAsync<CampaignView>(await client.PostAsync($"/api/v1/campaigns/{created.Id}/start", null));
        Assert.Equal("running", started.Status);
        var done = await Eventually.Until(
            async () => await Json.ReadAsync<CampaignView>(await client.GetAsync($"/api/v1/campaigns/{created.Id}")),
            v => v.Status == "completed" && v.Progress.Processed == 6, "the campaign to complete");

        Assert.Equal((6L, 6L, 6L), (done.Progress.Targeted, done.Progress.Processed, done.Progress.Delivered));
        Assert.Equal(Priority.Bulk, done.Priority);
        foreach (var user in french)
        {
            Assert.Single((await silo.InboxAsync(user)).Notifications, n => n.Title == "Spring sale");
        }
        var list = await Json.ReadAsync<CampaignList>(await client.GetAsync("/api/v1/campaigns?limit=100"));
        Assert.Contains(list.Campaigns, c => c.Id == created.Id && c.Status == "completed");
        await Json.ProblemAsync(await client.PostAsync($"/api/v1/campaigns/{created.Id}/pause", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_scheduled_campaign_can_be_cancelled_and_then_refuses_to_start()
    {
        using var client = await CampaignClientAsync();
        var response = await client.PostAsync("/api/v1/campaigns", Json.Raw(Body("later", $$""", "schedule": {"at": "{{DateTimeOffset.UtcNow.AddDays(1):O}}"}""")));
        var created = await Json.ReadAsync<CampaignCreated>(response);
        Assert.Equal("scheduled", created.Status);

        Assert.Equal("cancelled", (await Json.ReadAsync<CampaignView>(await client.PostAsync($"/api/v1/campaigns/{created.Id}/cancel", null))).Status);
        var problem = await Json.ProblemAsync(await client.PostAsync($"/api/v1/campaigns/{created.Id}/start", null), HttpStatusCode.Conflict);
        Assert.Contains("cancelled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/campaigns/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await client.PostAsync($"/api/v1/campaigns/{Guid.NewGuid()}/resume", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Saved_segments_are_created_read_listed_used_by_id_and_deleted()
    {
        var tag = $"saved-{Guid.NewGuid():N}";
        await UsersAsync(tag, 3);
        using var client = await CampaignClientAsync();

        var response = await client.PostAsync("/api/v1/segments", Json.Raw($$"""{"name": "saved", "segment": {"tags": {"any": ["{{tag}}", "other"]} } }"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var segment = await Json.ReadAsync<SegmentView>(response);
        Assert.Equal([tag, "other"], segment.Segment.Tags!.Any);
        Assert.Equal(segment.Id, (await Json.ReadAsync<SegmentView>(await client.GetAsync($"/api/v1/segments/{segment.Id}"))).Id);
        Assert.Contains((await Json.ReadAsync<SegmentList>(await client.GetAsync("/api/v1/segments"))).Segments, s => s.Id == segment.Id);
        Assert.Equal(3, (await Json.ReadAsync<SegmentPreview>(await client.PostAsync("/api/v1/segments/preview", Json.Raw($$$"""{"segment": {"segmentId": "{{{segment.Id}}}"}}""")))).Count);

        var campaign = await client.PostAsync("/api/v1/campaigns", Json.Raw($$$"""{"name": "by id", "segment": {"segmentId": "{{{segment.Id}}}"}, "content": {"title": "t", "body": "b"}}"""));
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/segments/{segment.Id}")).StatusCode);
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/segments/{segment.Id}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await client.DeleteAsync($"/api/v1/segments/{segment.Id}"), HttpStatusCode.NotFound);
        // The campaign kept its copy of the conditions.
        var view = await Json.ReadAsync<CampaignView>(await client.GetAsync($"/api/v1/campaigns/{(await Json.ReadAsync<CampaignCreated>(campaign)).Id}"));
        Assert.Equal(segment.Id, view.Segment.SegmentId);
    }

    [Theory]
    [InlineData("""{"segment": {"everyone": true}, "content": {"title": "t", "body": "b"}}""", "name")]
    [InlineData("""{"name": "x", "content": {"title": "t", "body": "b"}}""", "segment")]
    [InlineData("""{"name": "x", "segment": {}, "content": {"title": "t", "body": "b"}}""", "segment")]
    [InlineData("""{"name": "x", "segment": {"everyone": true, "userIds": ["a"]}, "content": {"title": "t", "body": "b"}}""", "segment.everyone")]
    [InlineData("""{"name": "x", "segment": {"tags": {"all": [""]}}, "content": {"title": "t", "body": "b"}}""", "segment.tags.all")]
    [InlineData("""{"name": "x", "segment": {"timeZones": ["Mars/Olympus"]}, "content": {"title": "t", "body": "b"}}""", "segment.timeZones")]
    [InlineData("""{"name": "x", "segment": {"segmentId": "0d8a4c52-4a44-4d8e-9b7a-3c4a5b6c7d8e"}, "content": {"title": "t", "body": "b"}}""", "segment.segmentId")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}}""", "type")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}, "type": "no-such-type"}""", "type")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "ratePerSecond": 0}""", "ratePerSecond")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "ratePerSecond": 100000000}""", "ratePerSecond")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "schedule": {}}""", "schedule")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "schedule": {"at": "2001-01-01T00:00:00Z"}}""", "schedule.at")]
    [InlineData("""{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "schedule": {"localTime": "9am"}}""", "schedule.localTime")]
    public async Task Bad_campaigns_are_400_naming_the_field_and_create_nothing(string body, string field)
    {
        using var client = await CampaignClientAsync();
        var before = (await Json.ReadAsync<CampaignList>(await client.GetAsync("/api/v1/campaigns?limit=200"))).Campaigns.Count;

        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/campaigns", Json.Raw(body)), field);

        Assert.Equal(before, (await Json.ReadAsync<CampaignList>(await client.GetAsync("/api/v1/campaigns?limit=200"))).Campaigns.Count);
    }

    [Theory]
    [InlineData("/api/v1/campaigns", "{")]
    [InlineData("/api/v1/campaigns", """{"name": 5}""")]
    [InlineData("/api/v1/campaigns", """{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "ratePerSecond": "fast"}""")]
    [InlineData("/api/v1/campaigns", """{"name": "x", "segment": {"everyone": true}, "content": {"title": "t", "body": "b"}, "priority": "urgent"}""")]
    [InlineData("/api/v1/campaigns", """{"name": "x", "segment": {"segmentId": "not-a-guid"}}""")]
    [InlineData("/api/v1/segments", "[]")]
    [InlineData("/api/v1/segments", """{"name": "x", "segment": {"tags": {"all": "trial"}}}""")]
    [InlineData("/api/v1/segments/preview", "null")]
    public async Task Malformed_bodies_are_400_problems(string path, string body)
    {
        using var client = await CampaignClientAsync();

        await Json.ProblemAsync(await client.PostAsync(path, Json.Raw(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_segments_and_list_limits_are_400_and_save_nothing()
    {
        using var client = await CampaignClientAsync();
        var before = (await Json.ReadAsync<SegmentList>(await client.GetAsync("/api/v1/segments"))).Segments.Count;

        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/segments", Json.Raw("""{"segment": {"everyone": true}}""")), "name");
        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/segments", Json.Raw("""{"name": "x", "segment": {"segmentId": "0d8a4c52-4a44-4d8e-9b7a-3c4a5b6c7d8e"}}""")), "segment.segmentId");
        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/segments", Json.Raw("""{"name": "x", "segment": {"locales": ["fr_FR"]}}""")), "segment.locales");
        await Json.ValidationProblemAsync(await client.PostAsync("/api/v1/segments/preview", Json.Raw("""{"segment": {}}""")), "segment");
        await Json.ValidationProblemAsync(await client.GetAsync("/api/v1/campaigns?limit=0"), "limit");

        Assert.Equal(before, (await Json.ReadAsync<SegmentList>(await client.GetAsync("/api/v1/segments"))).Segments.Count);
    }

    [Theory]
    [InlineData("GET", "/api/v1/campaigns")]
    [InlineData("POST", "/api/v1/campaigns")]
    [InlineData("POST", "/api/v1/segments/preview")]
    [InlineData("GET", "/api/v1/segments")]
    public async Task Campaigns_need_the_campaigns_scope(string method, string path)
    {
        using var send = silo.Client(silo.SendKey);
        using var manage = silo.Client(silo.ManageKey);
        using var anonymous = silo.Client();

        foreach (var (client, status) in new[] { (send, HttpStatusCode.Forbidden), (manage, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json.Raw(Body("scope")) : null };
            Assert.Equal(status, (await client.SendAsync(request)).StatusCode);
        }
        using var admin = silo.Client(silo.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/campaigns")).StatusCode);
    }
}
