using Notifications.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Notifications.Browser.Tests;

/// <summary>The element's stream survives a silo restart on the same database: nothing missed, nothing twice.</summary>
public sealed class InboxReconnectTests(InboxSilo silo) : IClassFixture<InboxSilo>
{
    [Fact]
    public async Task After_the_silo_restarts_the_feed_catches_up_without_gaps_or_duplicates()
    {
        var (userId, token) = await silo.CreateUserAsync("restart");
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.ConnectedAsync();
        await inbox.OpenAsync();
        await silo.SendAsync(userId, "Before the restart");
        await Expect(inbox.Item("Before the restart")).ToHaveCountAsync(1);

        await silo.RestartAsync();
        await silo.SendAsync(userId, "While reconnecting 1");
        await silo.SendAsync(userId, "While reconnecting 2");
        await inbox.ConnectedAsync();
        await silo.SendAsync(userId, "After the reconnect");

        foreach (var title in new[] { "Before the restart", "While reconnecting 1", "While reconnecting 2", "After the reconnect" })
        {
            await Expect(inbox.Item(title)).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        }
        await Expect(inbox.Items).ToHaveCountAsync(4);
    }
}
