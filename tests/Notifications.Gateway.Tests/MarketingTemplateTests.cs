using System.Net;
using System.Net.Http.Json;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

/// <summary>CAN-SPAM / GDPR: a marketing email must show a way out, so its templates must carry {{unsubscribeUrl}}.</summary>
public sealed class MarketingTemplateTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private const string Html = """<p>Spring sale, {{name}}!</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>""";
    private const string Text = "Spring sale, {{name}}! Unsubscribe: {{unsubscribeUrl}}";

    private static NotificationTypeDefinition Promo(string type, string body = Text, string? html = Html, string category = "marketing") => new()
    {
        Type = type,
        Category = category,
        Channels = [ChannelKind.InApp, ChannelKind.Email],
        Templates =
        [
            new NotificationTemplate { Channel = ChannelKind.InApp, Title = "Spring sale", Body = "Everything -20 %" },
            new NotificationTemplate { Channel = ChannelKind.Email, Title = "Spring sale", Body = body, Html = html },
        ],
    };

    private static string NewType() => "promo-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Marketing_email_html_without_the_unsubscribe_link_is_400_naming_the_template_and_nothing_is_created()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);

        var response = await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Promo(type, html: "<p>Spring sale, {{name}}!</p>"), Json.Options);

        var problem = await Json.ValidationProblemAsync(response, "templates[1].html");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{type}'", detail);
        Assert.Contains("{{unsubscribeUrl}}", detail);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_text_part_needs_the_link_too_and_a_replacement_without_it_leaves_the_stored_type_unchanged()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);
        Assert.Equal(HttpStatusCode.Created, (await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Promo(type), Json.Options)).StatusCode);

        var response = await manager.PutAsJsonAsync($"/api/v1/templates/{type}", Promo(type, body: "Spring sale, {{name}}!"), Json.Options);

        await Json.ValidationProblemAsync(response, "templates[1].body");
        var stored = await Json.ReadAsync<NotificationTypeDefinition>(await manager.GetAsync($"/api/v1/templates/{type}"));
        Assert.Equal(Text, stored.Templates[1].Body);
    }

    [Fact]
    public async Task Marketing_email_without_an_email_template_of_its_own_is_400()
    {
        var type = NewType();
        using var manager = silo.Client(silo.ManageKey);
        var inAppOnly = Promo(type) with { Templates = [Promo(type).Templates[0]] };

        var problem = await Json.ValidationProblemAsync(await manager.PutAsJsonAsync($"/api/v1/templates/{type}", inAppOnly, Json.Options), "templates");

        Assert.Contains($"'{type}'", problem.GetProperty("detail").GetString());
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_categories_and_triple_stash_placeholders_are_accepted()
    {
        using var manager = silo.Client(silo.ManageKey);
        var social = NewType();
        Assert.Equal(HttpStatusCode.Created, (await manager.PutAsJsonAsync($"/api/v1/templates/{social}", Promo(social, body: "No link", html: "<p>No link</p>", category: "social"), Json.Options)).StatusCode);
        var triple = NewType();
        Assert.Equal(HttpStatusCode.Created, (await manager.PutAsJsonAsync($"/api/v1/templates/{triple}", Promo(triple, body: "Leave: {{{ unsubscribeUrl }}}", html: null), Json.Options)).StatusCode);
    }
}
