using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

/// <summary>What the REST API takes for WhatsApp: the number with its opt-in, the channel's switch, and content SIDs on templates.</summary>
public sealed class WhatsAppEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private const string Number = "+14155550111";

    [Fact]
    public async Task The_number_and_its_opt_in_are_registered_with_the_profile_and_the_consent_is_dated()
    {
        var user = SiloFixture.NewUserId();
        using var manager = silo.Client(silo.ManageKey);

        var put = await manager.PutAsync($"/api/v1/users/{user}", Json.Raw($$"""{"phone":"+14155550100","whatsApp":"{{Number}}","whatsAppOptIn":true}"""));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var view = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{user}"));
        Assert.Equal(Number, view.Profile.WhatsApp);
        Assert.True(view.Profile.WhatsAppOptIn);
        Assert.Equal(Number, view.WhatsApp!.Number);
        Assert.NotNull(view.WhatsApp.OptedInAt);

        await manager.PutAsJsonAsync($"/api/v1/users/{user}", view.Profile with { WhatsAppOptIn = false }, Json.Options);
        var withdrawn = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{user}"));
        Assert.Null(withdrawn.WhatsApp!.OptedInAt);
        Assert.NotNull(withdrawn.WhatsApp.OptedOutAt);
    }

    [Theory]
    [InlineData("whatsApp", """{"whatsApp":"4155550111","whatsAppOptIn":true}""")]
    [InlineData("whatsAppOptIn", """{"whatsAppOptIn":true}""")]
    public async Task A_bad_number_or_an_opt_in_without_one_is_400_naming_it_and_changes_nothing(string field, string body)
    {
        var user = await silo.CreateUserAsync(profile: new UserProfile { Phone = "+14155550100" });
        using var manager = silo.Client(silo.ManageKey);

        await Json.ValidationProblemAsync(await manager.PutAsync($"/api/v1/users/{user}", Json.Raw(body)), field);

        var view = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{user}"));
        Assert.Null(view.Profile.WhatsApp);
        Assert.Null(view.WhatsApp);
    }

    [Fact]
    public async Task Preferences_switch_the_whatsapp_channel_by_its_name()
    {
        var user = await silo.CreateUserAsync(profile: new UserProfile { WhatsApp = Number });
        using var manager = silo.Client(silo.ManageKey);

        var response = await manager.PutAsync($"/api/v1/users/{user}/preferences", Json.Raw("""{"channels":{"whatsapp":false}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(stored.GetProperty("channels").GetProperty("whatsapp").GetBoolean());
    }

    [Theory]
    [InlineData("sms", "HX0123456789abcdef0123456789abcdef", "templates[0].contentSid", "belong to whatsapp templates only")]
    [InlineData("whatsapp", "MG0123456789abcdef0123456789abcdef", "templates[0].contentSid", "HX followed by 32 hex digits")]
    [InlineData("whatsapp", null, "templates[0].contentSid", "Twilio content SID")]
    public async Task A_content_sid_that_is_not_a_whatsapp_content_template_is_400_naming_it(string channel, string? contentSid, string field, string expected)
    {
        var type = "order-shipped-" + Guid.NewGuid().ToString("N")[..8];
        using var manager = silo.Client(silo.ManageKey);
        var sid = contentSid is null ? "null" : $"\"{contentSid}\"";
        var body = $$$"""
            {"type":"{{{type}}}","category":"orders","channels":["{{{channel}}}"],
             "templates":[{"channel":"{{{channel}}}","title":"Shipped","body":"Order {{orderId}}","contentSid":{{{sid}}},"contentVariables":{"1":"{{orderId}}"}}]}
            """;

        var problem = await Json.ValidationProblemAsync(await manager.PutAsync($"/api/v1/templates/{type}", Json.Raw(body)), field);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/templates/{type}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_whatsapp_template_with_its_content_sid_is_stored_as_given()
    {
        var type = "order-shipped-" + Guid.NewGuid().ToString("N")[..8];
        using var manager = silo.Client(silo.ManageKey);
        var definition = new NotificationTypeDefinition
        {
            Type = type,
            Category = "orders",
            Channels = [ChannelKind.WhatsApp],
            Templates =
            [
                new NotificationTemplate
                {
                    Channel = ChannelKind.WhatsApp,
                    Title = "Shipped",
                    Body = "Order {{orderId}} is on its way.",
                    ContentSid = "HX0123456789abcdef0123456789abcdef",
                    ContentVariables = new Dictionary<string, string> { ["1"] = "{{orderId}}" },
                },
            ],
        };

        Assert.Equal(HttpStatusCode.Created, (await manager.PutAsJsonAsync($"/api/v1/templates/{type}", definition, Json.Options)).StatusCode);

        var raw = await (await manager.GetAsync($"/api/v1/templates/{type}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("whatsapp", raw.GetProperty("channels")[0].GetString());
        var template = raw.GetProperty("templates")[0];
        Assert.Equal("HX0123456789abcdef0123456789abcdef", template.GetProperty("contentSid").GetString());
        Assert.Equal("{{orderId}}", template.GetProperty("contentVariables").GetProperty("1").GetString());
    }

    [Fact]
    public async Task The_inbound_webhook_is_404_where_whatsapp_is_not_configured()
    {
        using var anonymous = silo.Client();
        var response = await anonymous.PostAsync("/api/v1/callbacks/twilio/whatsapp", new FormUrlEncodedContent([new("From", "whatsapp:" + Number), new("Body", "STOP")]));

        await Json.ProblemAsync(response, HttpStatusCode.NotFound);
    }
}
