using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests;

public sealed class NotificationHubTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private const string HubPath = "/hubs/notifications";

    [Fact]
    public async Task User_token_connection_gets_its_unread_count_then_its_new_notifications()
    {
        var user = await silo.CreateUserAsync();
        var token = await silo.TokenForAsync(user);
        await using var connection = await SignalRJsonConnection.ConnectAsync(silo.Factory.Server, $"{HubPath}?access_token={token}");

        var unread = await connection.NextInvocationAsync("unread");
        Assert.Equal(0, unread.GetProperty("unreadCount").GetInt32());

        var id = await silo.SendInAppAsync(user, "over signalr");

        var arrived = await connection.NextInvocationAsync("notification");
        Assert.Equal(id, arrived.GetProperty("notification").GetProperty("id").GetGuid());
        Assert.Equal("over signalr", arrived.GetProperty("notification").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Two_connections_of_one_user_both_receive_and_another_users_events_never_arrive()
    {
        var user = await silo.CreateUserAsync();
        var other = await silo.CreateUserAsync();
        var token = await silo.TokenForAsync(user);
        await using var first = await SignalRJsonConnection.ConnectAsync(silo.Factory.Server, $"{HubPath}?access_token={token}");
        await using var second = await SignalRJsonConnection.ConnectAsync(silo.Factory.Server, $"{HubPath}?access_token={token}");
        await first.NextInvocationAsync("unread");
        await second.NextInvocationAsync("unread");

        await silo.SendInAppAsync(other, "not for you");
        var mine = await silo.SendInAppAsync(user, "for you");

        // Per-user order is kept, and the other user's notification never reaches this group: the first
        // notification either connection sees must be the user's own.
        Assert.Equal(mine, (await first.NextInvocationAsync("notification")).GetProperty("notification").GetProperty("id").GetGuid());
        Assert.Equal(mine, (await second.NextInvocationAsync("notification")).GetProperty("notification").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task User_token_cannot_watch_another_user_but_a_manage_key_can()
    {
        var a = await silo.CreateUserAsync();
        var b = await silo.CreateUserAsync();
        await using var asUser = await SignalRJsonConnection.ConnectAsync(silo.Factory.Server, $"{HubPath}?access_token={await silo.TokenForAsync(a)}");
        var refused = await asUser.InvokeAsync("Watch", b);
        Assert.Contains("Forbidden", refused.GetProperty("error").GetString());

        await using var asManager = await SignalRJsonConnection.ConnectAsync(silo.Factory.Server, $"{HubPath}?access_token={silo.ManageKey}");
        var accepted = await asManager.InvokeAsync("Watch", b);
        Assert.False(accepted.TryGetProperty("error", out _), accepted.ToString());
        await asManager.NextInvocationAsync("unread");
        var id = await silo.SendInAppAsync(b, "watched by manager");
        Assert.Equal(id, (await asManager.NextInvocationAsync("notification")).GetProperty("notification").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Hub_without_credential_is_refused_with_401()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SignalRJsonConnection.ConnectAsync(silo.Factory.Server, HubPath));
        Assert.Contains("401", failure.Message);
    }
}
