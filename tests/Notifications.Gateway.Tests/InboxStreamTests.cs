using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Notifications.Api;
using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests;

public sealed class InboxStreamTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Stream_with_query_token_sends_unread_count_first_then_each_new_notification_as_an_event()
    {
        var user = await silo.CreateUserAsync();
        var token = await silo.TokenForAsync(user);
        using var client = silo.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/users/{user}/notifications/stream?access_token={token}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        var first = await events.NextAsync();
        Assert.Equal("unread", first.Event);
        Assert.Equal(0, JsonDocument.Parse(first.Data).RootElement.GetProperty("unreadCount").GetInt32());

        var id = await silo.SendInAppAsync(user, "live one");

        var arrived = await events.NextMatchingAsync(e => e.Event == "notification");
        var realtime = JsonSerializer.Deserialize<RealtimeEvent>(arrived.Data, Json.Options)!;
        Assert.Equal("notification", realtime.Kind);
        Assert.Equal(id, realtime.Notification!.Id);
        Assert.Equal("live one", realtime.Notification.Title);
        Assert.Contains("\"unreadCount\"", arrived.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_with_manage_key_in_header_follows_any_user()
    {
        var user = await silo.CreateUserAsync();
        using var client = silo.Client(silo.ManageKey);
        using var response = await client.GetAsync($"/api/v1/users/{user}/notifications/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("unread", (await events.NextAsync()).Event);
        var id = await silo.SendInAppAsync(user, "for the manager");
        var arrived = await events.NextMatchingAsync(e => e.Event == "notification");
        Assert.Equal(id, JsonSerializer.Deserialize<RealtimeEvent>(arrived.Data, Json.Options)!.Notification!.Id);
    }

    [Fact]
    public async Task Stream_of_another_user_is_403_and_without_token_is_401()
    {
        var a = await silo.CreateUserAsync();
        var b = await silo.CreateUserAsync();
        var tokenA = await silo.TokenForAsync(a);
        using var client = silo.Client();
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/users/{b}/notifications/stream?access_token={tokenA}", HttpCompletionOption.ResponseHeadersRead), HttpStatusCode.Forbidden);
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/users/{b}/notifications/stream", HttpCompletionOption.ResponseHeadersRead), HttpStatusCode.Unauthorized);
        await Json.ProblemAsync(await client.GetAsync($"/api/v1/users/{b}/notifications/stream?access_token=nonsense", HttpCompletionOption.ResponseHeadersRead), HttpStatusCode.Unauthorized);
    }
}
