using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

public sealed class TemplateEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static NotificationTypeDefinition Definition(string type, string title = "{{actor}} liked your post") => new()
    {
        Type = type,
        Category = "social",
        Channels = [ChannelKind.InApp],
        Templates =
        [
            new NotificationTemplate { Channel = ChannelKind.InApp, Title = title, Body = "See {{postTitle}}" },
            new NotificationTemplate { Channel = ChannelKind.InApp, Locale = "fr", Title = "{{actor}} aime votre message", Body = "Voir {{postTitle}}" },
        ],
    };

    private static string NewType() => "post-liked-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Put_creates_201_then_replaces_200_get_list_delete_and_404_after()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);

        var created = await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type), Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var replaced = await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type, "{{actor}} loved your post"), Json.Options);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var read = await Json.ReadAsync<NotificationTypeDefinition>(await manager.GetAsync($"/api/v1/templates/{type}"));
        Assert.Equal("{{actor}} loved your post", read.Templates[0].Title);
        Assert.Equal("social", read.Category);
        var all = await Json.ReadAsync<List<NotificationTypeDefinition>>(await manager.GetAsync("/api/v1/templates"));
        Assert.Contains(all, d => d.Type == type);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/templates/{type}")).StatusCode);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await manager.DeleteAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_registered_type_can_be_sent_and_is_rendered_into_the_inbox()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);
        Assert.Equal(HttpStatusCode.Created, (await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type), Json.Options)).StatusCode);
        var user = await silo.CreateUserAsync();
        using var sender = silo.Client(silo.SendKey);

        var response = await sender.PostAsJsonAsync("/api/v1/notifications", new SendNotificationRequest
        {
            UserId = user,
            Type = type,
            Data = new Dictionary<string, string> { ["actor"] = "Sara", ["postTitle"] = "Holidays" },
        }, Json.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await Json.ReadAsync<SendNotificationResponse>(response)).Id;
        var page = await Eventually.Until(() => silo.InboxAsync(user), p => p.Notifications.Any(n => n.Id == id), "the typed notification in the inbox");
        var item = page.Notifications.Single(n => n.Id == id);
        Assert.Equal("Sara liked your post", item.Title);
        Assert.Equal(type, item.Type);
    }

    [Fact]
    public async Task Invalid_handlebars_is_400_naming_the_template_field_and_the_stored_definition_is_unchanged()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);
        Assert.Equal(HttpStatusCode.Created, (await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type), Json.Options)).StatusCode);

        var response = await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type, "{{#if actor}}unclosed"), Json.Options);

        var problem = await Json.ValidationProblemAsync(response, "templates[0].title");
        Assert.Contains("Handlebars", problem.GetProperty("detail").GetString());
        var read = await Json.ReadAsync<NotificationTypeDefinition>(await manager.GetAsync($"/api/v1/templates/{type}"));
        Assert.Equal("{{actor}} liked your post", read.Templates[0].Title);
    }

    [Fact]
    public async Task Invalid_new_type_is_400_and_is_not_created()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);
        await Json.ValidationProblemAsync(await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(type) with { Templates = [] }, Json.Options), "templates");
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Body_type_differing_from_the_url_is_400_naming_type_and_creates_neither()
    {
        var type = NewType();
        var other = NewType();
        using var manager = silo.Client(silo.ManageKey);
        await Json.ValidationProblemAsync(await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Definition(other), Json.Options), "type");
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{other}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Definition_missing_required_members_is_400_problem_saying_which()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);
        var problem = await Json.ProblemAsync(await manager.PutAsync($"/api/v1/templates/{type}", Json.Raw("""{"type":"x"}""")), HttpStatusCode.BadRequest);
        Assert.Contains("category", problem.GetProperty("detail").GetString());
    }
}
