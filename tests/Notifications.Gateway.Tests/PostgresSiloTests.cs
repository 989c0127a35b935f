using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

/// <summary>The whole silo on PostgreSQL (Storage:Provider=Postgres): grain state, reminders and records in the server's database.</summary>
public sealed class PostgresSiloTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    [Fact]
    public async Task A_notification_sent_to_a_silo_on_postgres_is_processed_into_the_inbox_and_readable_by_id()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.SendKey);

        var response = await client.PostAsJsonAsync("/api/v1/notifications",
            new SendNotificationRequest { UserId = user, Content = new InlineContent("Hello", "from PostgreSQL") }, Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await Json.ReadAsync<SendNotificationResponse>(response);
        var view = await Eventually.Until(
            async () => await Json.ReadAsync<NotificationView>(await client.GetAsync($"/api/v1/notifications/{accepted.Id}")),
            v => v.Status != "accepted",
            "the notification is processed");
        Assert.Equal(user, view.UserId);
        var inbox = await silo.InboxAsync(user);
        Assert.Contains(inbox.Notifications, n => n.Id == accepted.Id && n.Title == "Hello" && n.Body == "from PostgreSQL");
    }

    [Fact]
    public async Task A_campaign_to_a_saved_segment_on_postgres_reaches_each_recipient_once_and_counts_its_funnel_from_the_records()
    {
        var tag = $"pg-{Guid.NewGuid():N}";
        var french = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            french.Add(await silo.CreateUserAsync(profile: new UserProfile { Locale = "fr-CA", TimeZone = "America/Toronto", Tags = [tag, "beta"] }));
        }
        await silo.CreateUserAsync(profile: new UserProfile { Locale = "de-DE", Tags = [tag] });
        using var client = silo.Client(await silo.CreateKeyAsync(silo.AdminKey, "campaigns", Auth.Scopes.Campaigns));

        var saved = await client.PostAsync("/api/v1/segments", Json.Raw($$$"""{"name": "french {{{tag}}}", "segment": {"tags": {"all": ["{{{tag}}}"]}, "locales": ["fr"]}}"""));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var segment = await Json.ReadAsync<SegmentView>(saved);
        var preview = await Json.ReadAsync<SegmentPreview>(await client.PostAsync("/api/v1/segments/preview", Json.Raw($$$"""{"segment": {"segmentId": "{{{segment.Id}}}"}}""")));
        Assert.Equal(4, preview.Count);
        Assert.Equal(french.Order(StringComparer.Ordinal), preview.Sample);

        var created = await Json.ReadAsync<CampaignCreated>(await client.PostAsync("/api/v1/campaigns", Json.Raw($$$"""
            {"name": "pg {{{tag}}}", "segment": {"segmentId": "{{{segment.Id}}}"}, "content": {"title": "Bonjour", "body": "from PostgreSQL"}, "channels": ["inApp"]}
            """)));
        Assert.Equal("running", (await Json.ReadAsync<CampaignView>(await client.PostAsync($"/api/v1/campaigns/{created.Id}/start", null))).Status);
        var done = await Eventually.Until(
            async () => await Json.ReadAsync<CampaignView>(await client.GetAsync($"/api/v1/campaigns/{created.Id}")),
            v => v.Status == "completed" && v.Progress.Processed == 4, "the campaign on PostgreSQL to complete");

        Assert.Equal((4L, 4L, 4L, 0L), (done.Progress.Targeted, done.Progress.Processed, done.Progress.Delivered, done.Progress.Failed));
        foreach (var user in french)
        {
            Assert.Single((await silo.InboxAsync(user)).Notifications, n => n.Title == "Bonjour");
        }
        var list = await Json.ReadAsync<CampaignList>(await client.GetAsync("/api/v1/campaigns?limit=100"));
        Assert.Contains(list.Campaigns, c => c.Id == created.Id && c.Status == "completed");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=;Database=x")]
    [InlineData("Hots=localhost")]
    public async Task A_silo_on_postgres_without_a_usable_connection_string_refuses_to_start_and_names_the_setting(string connectionString)
    {
        await using var factory = new TestSilo<Program>(new Dictionary<string, string?>(PiiTestKeys.Settings())
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = connectionString,
        });
        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Storage:Postgres:ConnectionString", failure.Message);
    }
}
