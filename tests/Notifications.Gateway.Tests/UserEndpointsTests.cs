using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Model;

namespace Notifications.Gateway.Tests;

public sealed class UserEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static readonly UserProfile Original = new()
    {
        DisplayName = "Ada",
        Email = "ada@example.com",
        Phone = "+14155550100",
        Locale = "fr-CA",
        TimeZone = "America/Toronto",
        Tags = ["beta"],
    };

    [Fact]
    public async Task Put_then_get_profile_round_trips_for_the_manage_key_and_the_users_own_token()
    {
        var user = SiloFixture.NewUserId();
        using var manager = silo.Client(silo.ManageKey);

        var put = await manager.PutAsJsonAsync($"/api/v1/users/{user}", Original, Json.Options);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Original.Email, (await Json.ReadAsync<UserView>(put)).Profile.Email);
        using var own = silo.Client(await silo.TokenForAsync(user));
        var view = await Json.ReadAsync<UserView>(await own.GetAsync($"/api/v1/users/{user}"));
        Assert.Equal(user, view.UserId);
        Assert.Equal(Original with { Tags = [] }, view.Profile with { Tags = [] });
        Assert.Equal(["beta"], view.Profile.Tags);
    }

    [Fact]
    public async Task Get_unknown_user_is_404_problem()
    {
        using var manager = silo.Client(silo.ManageKey);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{SiloFixture.NewUserId("nobody")}"), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{SiloFixture.NewUserId("nobody")}/preferences"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("timeZone", """{"timeZone":"Mars/Olympus_Mons"}""")]
    [InlineData("email", """{"email":"not-an-email"}""")]
    [InlineData("email", """{"email":"Ada <ada@example.com>"}""")]
    [InlineData("phone", """{"phone":"4155550100"}""")]
    [InlineData("phone", """{"phone":"+1 415 555 0100"}""")]
    [InlineData("locale", """{"locale":"xx-NOPE-zz"}""")]
    [InlineData("displayName", """{"displayName":123}""")]
    public async Task Put_profile_with_bad_field_is_400_naming_it_and_the_stored_profile_is_unchanged(string field, string body)
    {
        var user = await silo.CreateUserAsync(profile: Original);
        using var manager = silo.Client(silo.ManageKey);

        var response = await manager.PutAsync($"/api/v1/users/{user}", Json.Raw(body));

        await Json.ValidationProblemAsync(response, field);
        var view = await Json.ReadAsync<UserView>(await manager.GetAsync($"/api/v1/users/{user}"));
        Assert.Equal(Original.TimeZone, view.Profile.TimeZone);
        Assert.Equal(Original.Email, view.Profile.Email);
        Assert.Equal(Original.Phone, view.Profile.Phone);
        Assert.Equal(Original.Locale, view.Profile.Locale);
        Assert.Equal(Original.DisplayName, view.Profile.DisplayName);
    }

    [Fact]
    public async Task Bad_profile_for_a_new_user_is_400_and_does_not_create_the_user()
    {
        var user = SiloFixture.NewUserId();
        using var manager = silo.Client(silo.ManageKey);
        await Json.ValidationProblemAsync(await manager.PutAsync($"/api/v1/users/{user}", Json.Raw("""{"timeZone":"Nowhere/Land"}""")), "timeZone");
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{user}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_then_get_preferences_round_trips_for_the_users_own_token()
    {
        var user = await silo.CreateUserAsync();
        using var own = silo.Client(await silo.TokenForAsync(user));
        var preferences = new NotificationPreferences
        {
            Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Email] = false },
            Categories = new Dictionary<string, CategoryPreference>
            {
                ["social"] = new() { Channels = new Dictionary<ChannelKind, bool> { [ChannelKind.Push] = false }, Digest = DigestCadence.Hourly },
            },
            QuietHours = new QuietHours("22:00", "07:00", QuietHoursMode.InboxOnly),
        };

        var put = await own.PutAsJsonAsync($"/api/v1/users/{user}/preferences", preferences, Json.Options);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await Json.ReadAsync<NotificationPreferences>(await own.GetAsync($"/api/v1/users/{user}/preferences"));
        Assert.False(read.Channels[ChannelKind.Email]);
        Assert.Equal(DigestCadence.Hourly, read.Categories["social"].Digest);
        Assert.False(read.Categories["social"].Channels[ChannelKind.Push]);
        Assert.Equal(preferences.QuietHours, read.QuietHours);
    }

    [Theory]
    [InlineData("quietHours.start", """{"quietHours":{"start":"25:00","end":"07:00"}}""")]
    [InlineData("quietHours.end", """{"quietHours":{"start":"22:00","end":"7pm"}}""")]
    [InlineData("quietHours.mode", """{"quietHours":{"start":"22:00","end":"07:00","mode":"sometimes"}}""")]
    [InlineData("categories.social.digest", """{"categories":{"social":{"digest":"weekly"}}}""")]
    [InlineData("channels", """{"channels":null}""")]
    public async Task Put_preferences_with_bad_value_is_400_naming_it_and_stored_preferences_are_unchanged(string field, string body)
    {
        var user = await silo.CreateUserAsync();
        using var manager = silo.Client(silo.ManageKey);
        var original = new NotificationPreferences { QuietHours = new QuietHours("23:00", "06:00") };
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/v1/users/{user}/preferences", original, Json.Options)).StatusCode);

        var response = await manager.PutAsync($"/api/v1/users/{user}/preferences", Json.Raw(body));

        await Json.ValidationProblemAsync(response, field);
        var read = await Json.ReadAsync<NotificationPreferences>(await manager.GetAsync($"/api/v1/users/{user}/preferences"));
        Assert.Equal(original.QuietHours, read.QuietHours);
        Assert.Empty(read.Categories);
        Assert.Empty(read.Channels);
    }

    [Fact]
    public async Task Put_preferences_with_unknown_channel_key_is_400_and_changes_nothing()
    {
        var user = await silo.CreateUserAsync();
        using var manager = silo.Client(silo.ManageKey);

        var response = await manager.PutAsync($"/api/v1/users/{user}/preferences", Json.Raw("""{"channels":{"carrierPigeon":true}}"""));

        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("channels", StringComparison.Ordinal));
        var read = await Json.ReadAsync<NotificationPreferences>(await manager.GetAsync($"/api/v1/users/{user}/preferences"));
        Assert.Empty(read.Channels);
    }

    [Fact]
    public async Task Put_preferences_for_unknown_user_is_404_and_does_not_create_the_user()
    {
        var user = SiloFixture.NewUserId();
        using var manager = silo.Client(silo.ManageKey);
        await Json.ProblemAsync(await manager.PutAsJsonAsync($"/api/v1/users/{user}/preferences", new NotificationPreferences(), Json.Options), HttpStatusCode.NotFound);
        await Json.ProblemAsync(await manager.GetAsync($"/api/v1/users/{user}"), HttpStatusCode.NotFound);
    }
}
