using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Notifications.Browser.Tests.Infrastructure;
using Notifications.Testing;
using static Microsoft.Playwright.Assertions;

namespace Notifications.Browser.Tests;

/// <summary>
/// Written against the inbox contract (seen, archive, snooze, actions, tags): they pass once the server half of
/// the inbox is merged. Filter them out before that with --filter "Needs!=inbox-server".
/// </summary>
[Trait("Needs", "inbox-server")]
public sealed class InboxContractTests(InboxSilo silo) : IClassFixture<InboxSilo>
{
    [Fact]
    public async Task Seen_is_kept_by_the_server_so_a_reload_shows_no_badge()
    {
        var (userId, token) = await silo.CreateUserAsync("seen");
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.ConnectedAsync();
        await silo.SendAsync(userId, "Seen one");
        await silo.SendAsync(userId, "Seen two");
        await Expect(inbox.Badge).ToHaveTextAsync("2");
        await inbox.OpenAsync();
        await Expect(inbox.Badge).ToBeHiddenAsync();
        await Eventually.Until(() => silo.GetJsonAsync($"/api/v1/users/{userId}/notifications/counts"),
            counts => counts["unseen"]!.GetValue<int>() == 0 && counts["unread"]!.GetValue<int>() == 2, "the server counts nothing unseen");

        await inbox.Page.ReloadAsync();
        await inbox.ConnectedAsync();
        await Expect(inbox.Bell).ToHaveAttributeAsync("data-unseen", "0");
        await Expect(inbox.Badge).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Archive_moves_the_item_to_the_archived_tab()
    {
        var (userId, token) = await silo.CreateUserAsync("archive");
        var id = await silo.SendAsync(userId, "Archive me");
        await silo.ProcessedNotificationAsync(id);
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token));
        await inbox.OpenAsync();
        await inbox.Item("Archive me").GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(inbox.Item("Archive me")).ToHaveCountAsync(0);
        await Eventually.Until(() => silo.GetJsonAsync($"/api/v1/users/{userId}/notifications?state=archived"),
            page => page["notifications"]!.AsArray().Any(n => n!["id"]!.GetValue<string>() == id), "the item is archived on the server");

        await inbox.Page.GetByRole(AriaRole.Tab, new() { Name = "Archived" }).ClickAsync();
        await Expect(inbox.Item("Archive me").GetByRole(AriaRole.Button, new() { Name = "Move to inbox" })).ToBeVisibleAsync();
        await inbox.Page.ReloadAsync();
        await inbox.OpenAsync();
        await Expect(inbox.Page.Locator("notification-inbox .state.empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_short_snooze_hides_the_item_until_it_comes_back_live()
    {
        var (userId, token) = await silo.CreateUserAsync("snooze");
        await silo.ProcessedNotificationAsync(await silo.SendAsync(userId, "Snooze me"));
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token, "&snoozePresets=3s,1h"));
        await inbox.ConnectedAsync();
        await inbox.OpenAsync();
        var item = inbox.Item("Snooze me");
        await item.GetByRole(AriaRole.Button, new() { Name = "Snooze" }).ClickAsync();
        // A live arrival re-renders the feed; the open menu must survive it (it used to close on any store change).
        await silo.SendAsync(userId, "Arrives while the menu is open");
        await Expect(inbox.Item("Arrives while the menu is open")).ToHaveCountAsync(1);
        await item.GetByRole(AriaRole.Menuitem, new() { Name = "in 3 seconds" }).ClickAsync();
        await Expect(inbox.Item("Snooze me")).ToHaveCountAsync(0);
        // The server took the snooze (a refused PATCH rolled back would bring the item back at once, not after 3 s).
        await Eventually.Until(() => silo.GetJsonAsync($"/api/v1/users/{userId}/notifications?state=snoozed"),
            page => page["notifications"]!.AsArray().Any(n => n!["title"]!.GetValue<string>() == "Snooze me"), "the item is snoozed on the server");
        await Expect(inbox.Item("Snooze me")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var active = await silo.GetJsonAsync($"/api/v1/users/{userId}/notifications");
        Assert.Contains(active["notifications"]!.AsArray(), n => n!["title"]!.GetValue<string>() == "Snooze me");
    }

    [Fact]
    public async Task An_action_click_is_recorded_as_the_in_app_delivery_clicked()
    {
        var (userId, token) = await silo.CreateUserAsync("action");
        var actions = new JsonArray(
            new JsonObject { ["id"] = "approve", ["label"] = "Approve" },
            new JsonObject { ["id"] = "later", ["label"] = "Later" });
        var id = await silo.SendAsync(userId, "Approve the invoice", extra: new JsonObject { ["actions"] = actions, ["tags"] = new JsonArray("billing") });
        await silo.ProcessedNotificationAsync(id);
        var inbox = new InboxPage(await silo.OpenDemoAsync(userId, token, "&tabs=all,tag:billing"));
        await inbox.OpenAsync();
        await inbox.Page.GetByRole(AriaRole.Tab, new() { Name = "#billing" }).ClickAsync();
        var item = inbox.Item("Approve the invoice");
        await Expect(item.Locator("button.action")).ToHaveCountAsync(2);
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Eventually.Until(() => silo.GetJsonAsync($"/api/v1/notifications/{id}"),
            n => n["deliveries"]!.AsArray().Any(d => d!["channel"]!.GetValue<string>() == "inApp" && d["status"]!.GetValue<string>() == "clicked"),
            "the in-app delivery is clicked");
    }
}
