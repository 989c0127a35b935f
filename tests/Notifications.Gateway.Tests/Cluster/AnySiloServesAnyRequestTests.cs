using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Notifications.Api;
using Notifications.Gateway.Auth;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;
using Notifications.Testing;

namespace Notifications.Gateway.Tests.Cluster;

/// <summary>
/// Two silos of one Redis cluster: what one silo caches or signs in memory (templates, console cookies) is the same
/// on the other, and each reports the membership on /readyz.
/// </summary>
public sealed class AnySiloServesAnyRequestTests(TwoSiloClusterFixture cluster) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task Both_silos_are_ready_and_count_two_active_silos()
    {
        foreach (var silo in new[] { cluster.A, cluster.B })
        {
            using var client = silo.CreateClient(bearer: null);
            var report = await Eventually.Until(
                async () => JsonDocument.Parse(await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync()).RootElement,
                r => r.GetProperty("checks").GetProperty("cluster").GetProperty("data").GetProperty("activeSilos").GetInt32() == 2,
                "both silos in each one's membership view");
            Assert.Equal("Healthy", report.GetProperty("status").GetString());
            var data = report.GetProperty("checks").GetProperty("cluster").GetProperty("data");
            Assert.True(data.GetProperty("thisSiloActive").GetBoolean());
            Assert.Equal(("ok", "ok"), (data.GetProperty("grainStorage").GetString(), data.GetProperty("recordStore").GetString()));
        }
    }

    [Fact]
    public async Task A_template_changed_on_one_silo_is_served_and_rendered_by_the_other()
    {
        var type = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        using var onA = cluster.A.CreateClient(cluster.ManageKey);
        using var onB = cluster.B.CreateClient(cluster.ManageKey);

        // A change is answered once the other silo holds it: no waiting (the fixture's poll is minutes apart).
        Assert.Equal(HttpStatusCode.Created, (await onA.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type, "Hello {{name}}"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/api/v1/templates/{type}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await onB.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type, "Welcome {{name}}"), Json.Options)).StatusCode);
        Assert.Equal("Welcome {{name}}", (await Json.ReadAsync<NotificationTypeDefinition>(await onA.GetAsync($"/api/v1/templates/{type}"))).Templates[0].Title);

        // Rendering happens on whichever silo hosts the user's grain: both now render B's version.
        var user = "cluster-user-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await onA.PutAsJsonAsync($"/api/v1/users/{user}", new UserProfile { DisplayName = "Ana" }, Json.Options)).StatusCode);
        var send = new SendNotificationRequest { UserId = user, Type = type, Data = new Dictionary<string, string> { ["name"] = "Ana" } };
        using var sendA = cluster.A.CreateClient(cluster.SendKey);
        using var sendB = cluster.B.CreateClient(cluster.SendKey);
        foreach (var client in new[] { sendA, sendB })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/notifications", send with { IdempotencyKey = Guid.NewGuid().ToString("N") }, Json.Options)).StatusCode);
        }
        var inbox = await Eventually.Until(
            async () => await Json.ReadAsync<InboxPage>(await onB.GetAsync($"/api/v1/users/{user}/notifications")),
            p => p.Notifications.Count == 2, "both notifications in the inbox");
        Assert.All(inbox.Notifications, n => Assert.Equal("Welcome Ana", n.Title));

        Assert.Equal(HttpStatusCode.NoContent, (await onA.DeleteAsync($"/api/v1/templates/{type}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync($"/api/v1/templates/{type}")).StatusCode);
    }

    [Fact]
    public async Task A_console_cookie_issued_by_one_silo_signs_in_on_the_other()
    {
        using var signIn = cluster.A.CreateClient(bearer: null, followRedirects: false);
        using var response = await signIn.PostAsync("/console/sign-in", new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("apiKey", cluster.AdminKey), new KeyValuePair<string, string>("returnUrl", "/console")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var cookie = header[..header.IndexOf(';', StringComparison.Ordinal)];

        foreach (var silo in new[] { cluster.B, cluster.A })
        {
            using var session = silo.CreateClient(bearer: null, followRedirects: false);
            session.DefaultRequestHeaders.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/admin/operations")).StatusCode);
        }
        using var forged = cluster.B.CreateClient(bearer: null, followRedirects: false);
        forged.DefaultRequestHeaders.Add("Cookie", cookie[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/admin/operations")).StatusCode);
        Assert.StartsWith(ConsoleSession.CookieName + "=", cookie, StringComparison.Ordinal);

        // The ring both silos read is the record store's, not a folder of this machine that they happen to share.
        await using var sqlite = new SqliteConnection($"Data Source={cluster.DatabasePath};Mode=ReadOnly");
        await sqlite.OpenAsync();
        await using var keys = sqlite.CreateCommand();
        keys.CommandText = "SELECT value FROM settings WHERE name LIKE 'data-protection-key/%'";
        var key = (string?)await keys.ExecuteScalarAsync();
        Assert.NotNull(key);
        Assert.StartsWith("<key ", key, StringComparison.Ordinal);
    }

    private static NotificationTypeDefinition Definition(string type, string title) => new()
    {
        Type = type,
        Category = "social",
        Channels = [ChannelKind.InApp],
        Templates = [new NotificationTemplate { Channel = ChannelKind.InApp, Title = title, Body = "body" }],
    };
}
