using System.Net;
using System.Net.Http.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;
using Notifications.Testing;

namespace Notifications.Gateway.Tests;

public sealed class InboxEndpointsTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private async Task<(string User, HttpClient Own, InboxPage Page)> UserWithThreeAsync()
    {
        var user = await silo.CreateUserAsync();
        foreach (var title in new[] { "one", "two", "three" })
        {
            // One at a time, so the newest-first order is known.
            var id = await silo.SendInAppAsync(user, title);
            await Eventually.Until(() => silo.InboxAsync(user), p => p.Notifications.Any(n => n.Id == id), $"'{title}' in the inbox");
        }
        var own = silo.Client(await silo.TokenForAsync(user));
        var page = await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications"));
        return (user, own, page);
    }

    [Fact]
    public async Task List_is_newest_first_with_unread_count_and_pages_by_cursor()
    {
        var (user, own, page) = await UserWithThreeAsync();
        using var _ = own;
        Assert.Equal(["three", "two", "one"], page.Notifications.Select(n => n.Title));
        Assert.Equal(3, page.UnreadCount);

        var first = await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications?limit=2"));
        Assert.Equal(["three", "two"], first.Notifications.Select(n => n.Title));
        Assert.NotNull(first.NextCursor);
        var second = await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications?limit=2&cursor={Uri.EscapeDataString(first.NextCursor)}"));
        Assert.Equal(["one"], second.Notifications.Select(n => n.Title));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Patch_read_true_then_false_changes_read_state_and_unread_count()
    {
        var (user, own, page) = await UserWithThreeAsync();
        using var _ = own;
        var target = page.Notifications[1];

        Assert.Equal(HttpStatusCode.NoContent, (await own.PatchAsJsonAsync($"/api/v1/users/{user}/notifications/{target.Id}", new MarkReadRequest(true), Json.Options)).StatusCode);
        var after = await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications"));
        Assert.Equal(2, after.UnreadCount);
        Assert.NotNull(after.Notifications.Single(n => n.Id == target.Id).ReadAt);

        Assert.Equal(HttpStatusCode.NoContent, (await own.PatchAsJsonAsync($"/api/v1/users/{user}/notifications/{target.Id}", new MarkReadRequest(false), Json.Options)).StatusCode);
        after = await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications"));
        Assert.Equal(3, after.UnreadCount);
        Assert.Null(after.Notifications.Single(n => n.Id == target.Id).ReadAt);
    }

    [Fact]
    public async Task Patch_unknown_notification_is_404_and_patch_without_read_is_400_naming_read_changing_nothing()
    {
        var (user, own, page) = await UserWithThreeAsync();
        using var _ = own;
        await Json.ProblemAsync(await own.PatchAsJsonAsync($"/api/v1/users/{user}/notifications/{Guid.NewGuid()}", new MarkReadRequest(true), Json.Options), HttpStatusCode.NotFound);
        await Json.ValidationProblemAsync(await own.PatchAsync($"/api/v1/users/{user}/notifications/{page.Notifications[0].Id}", Json.Raw("{}")), "read");
        await Json.ValidationProblemAsync(await own.PatchAsync($"/api/v1/users/{user}/notifications/{page.Notifications[0].Id}", Json.Raw("""{"read":"yes"}""")), "read");
        Assert.Equal(3, (await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications"))).UnreadCount);
    }

    [Fact]
    public async Task Read_all_answers_200_with_the_number_updated_and_leaves_nothing_unread()
    {
        var (user, own, _) = await UserWithThreeAsync();
        using var __ = own;

        var response = await own.PostAsync($"/api/v1/users/{user}/notifications/read-all", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await Json.ReadAsync<MarkAllReadResponse>(response)).Updated);
        Assert.Equal(0, (await Json.ReadAsync<InboxPage>(await own.GetAsync($"/api/v1/users/{user}/notifications"))).UnreadCount);
        Assert.Equal(0, (await Json.ReadAsync<MarkAllReadResponse>(await own.PostAsync($"/api/v1/users/{user}/notifications/read-all", null))).Updated);
    }

    [Theory]
    [InlineData("?cursor=garbage", "cursor")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    public async Task Bad_cursor_or_limit_is_400_naming_it(string query, string field)
    {
        var user = await silo.CreateUserAsync();
        using var own = silo.Client(await silo.TokenForAsync(user));
        await Json.ValidationProblemAsync(await own.GetAsync($"/api/v1/users/{user}/notifications{query}"), field);
    }

    [Fact]
    public async Task Non_numeric_limit_is_400_problem_naming_limit()
    {
        var user = await silo.CreateUserAsync();
        using var own = silo.Client(await silo.TokenForAsync(user));
        var problem = await Json.ProblemAsync(await own.GetAsync($"/api/v1/users/{user}/notifications?limit=ten"), HttpStatusCode.BadRequest);
        Assert.Contains("limit", problem.GetProperty("detail").GetString());
    }
}
