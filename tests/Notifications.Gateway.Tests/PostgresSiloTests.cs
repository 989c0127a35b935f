using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
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
